/** Declaration of Kura's {@code org.eclipse.kura} package (exported by Kura 5.4-5.6 at 1.7.0). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.7.0")
package org.eclipse.kura;
