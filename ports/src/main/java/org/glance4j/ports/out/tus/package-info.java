/** The outbound ports of resumable (tus) uploads: their records and the part files holding their bytes. */
package org.glance4j.ports.out.tus;
