/** The outbound port of the metadata definitions catalog: {@link org.glance4j.ports.out.metadef.MetadefRepository}. */
package org.glance4j.ports.out.metadef;
