/** Declaration of Kura's {@code org.eclipse.kura.message} package (exported by Kura 5.4–5.6 at 1.4.0–1.5.0). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package org.eclipse.kura.message;
