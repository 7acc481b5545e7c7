package org.eclipse.kura.configuration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Kura's marker for a component the Kura console lists and configures (declaration only, as in Kura 5.x): Kura's
 * ConfigurationService binds every service registered under this interface that carries both {@code service.pid}
 * and {@code kura.service.pid}.
 */
@ConsumerType
public interface ConfigurableComponent {
}
