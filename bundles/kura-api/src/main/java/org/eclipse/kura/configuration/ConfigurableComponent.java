package org.eclipse.kura.configuration;

/**
 * Kura's marker for a component the Kura console lists and configures (declaration only, as in Kura 5.x).
 */
public interface ConfigurableComponent {
}
