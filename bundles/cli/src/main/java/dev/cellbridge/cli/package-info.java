/**
 * The {@code cellbridge} command line: {@link dev.cellbridge.cli.Cellbridge#run} runs it in-process
 * (tests, shells); {@code java -jar cellbridge-cli.jar} runs it as a program.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.cellbridge.cli;
