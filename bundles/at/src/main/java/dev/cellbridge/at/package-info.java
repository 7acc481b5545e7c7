/**
 * The AT engine: one {@link dev.cellbridge.at.AtChannel} per link to a Quectel module.
 *
 * <p>A single reader thread runs a byte-level framing state machine over the link; callers are
 * served one command at a time, in order, each with its own timeout ({@link dev.cellbridge.at.AtTimeouts}).
 * Information lines belong to the command in flight when they carry one of its prefixes; every
 * other line is an unsolicited result code ({@link dev.cellbridge.at.Urc}) delivered on a dispatcher
 * thread. The engine also handles the {@code >} prompt and the payload written after it,
 * length-prefixed binary payloads ({@code +QIRD}, direct-push {@code +QIURC: "recv"}), command and
 * data echo, and transparent data mode ({@link dev.cellbridge.at.DataSession}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.cellbridge.at;
