/**
 * The relay: what the module reports (URCs, socket data, socket, context and modem state) onto the OSGi
 * EventAdmin bus and MQTT, fleet commands from MQTT back to the module, and socket bridges.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.cellbridge.relay;
