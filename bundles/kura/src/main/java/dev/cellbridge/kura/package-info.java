/**
 * Eclipse Kura integration of cellbridge. This bundle exports no API of its own; its components adapt the
 * cellbridge components to Kura's configuration service.
 */
package dev.cellbridge.kura;
