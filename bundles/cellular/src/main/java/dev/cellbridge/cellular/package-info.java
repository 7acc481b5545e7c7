/**
 * The Quectel RG200U/RG500U/RM500U TCP/IP command set as a typed Java API: {@link dev.cellbridge.cellular.Modem}
 * (PDP contexts, sockets of the four service types in the three access modes, ping, DNS, TCP/IP options,
 * errors) and, on top of it, {@code java.net}-style sockets that ride the module's stack.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.cellbridge.cellular;
