/**
 * The Quectel RG200U/RG500U/RM500U TCP/IP command set as a typed Java API: {@link dev.cellbridge.cellular.Modem}
 * (PDP contexts, sockets of the four service types in the three access modes, ping, DNS, TCP/IP options,
 * errors) and, on top of it, {@code java.net} over the module's stack: {@link dev.cellbridge.cellular.ModemSocketFactory}
 * for unmodified clients (Paho MQTT, JSSE TLS, HTTP), {@link dev.cellbridge.cellular.ModemServerSocket} over TCP
 * LISTENER and {@link dev.cellbridge.cellular.ModemDatagramSocket} over UDP SERVICE.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.cellbridge.cellular;
