/** Declaration of Kura's {@code org.eclipse.kura.cloudconnection.message} package (exported by Kura 5.x at 1.0.0). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.eclipse.kura.cloudconnection.message;
