/** The inbound use cases of the metadata definitions catalog, gathered in {@link org.glance4j.ports.in.metadef.MetadefServices}. */
package org.glance4j.ports.in.metadef;
