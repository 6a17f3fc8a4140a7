/**
 * The metadata definitions catalog (metadefs): namespaces and the property definitions, objects, tags and
 * resource-type associations they hold. Immutable records; JSON values inside them are plain JDK objects.
 */
package org.glance4j.ports.model.metadef;
