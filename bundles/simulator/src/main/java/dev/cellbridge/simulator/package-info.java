/**
 * A virtual Quectel RG500U module: the TCP/IP AT command set of the RGx00U/RM500U application note, spoken over a
 * loopback TCP port (one host connection at a time, like a serial line) and backed by real host sockets.
 *
 * <p>Embed it with {@link dev.cellbridge.simulator.Simulator#start(SimulatorOptions)}; inject faults through the
 * methods of {@link dev.cellbridge.simulator.Simulator}. The same options exist on the command line of
 * {@code cellbridge-sim.jar}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.cellbridge.simulator;
