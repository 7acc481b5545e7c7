/**
 * The byte link to a module: an open duplex stream ({@link dev.cellbridge.serial.SerialLink}) over a
 * serial port (jSerialComm) or raw TCP (ser2net, the simulator), opened from a URI by
 * {@link dev.cellbridge.serial.SerialLinks}. Works as a plain Java library and, in OSGi, as a
 * configurable factory component that registers a {@code SerialLink} service while its port is open.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.cellbridge.serial;
