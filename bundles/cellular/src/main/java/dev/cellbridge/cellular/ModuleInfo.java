package dev.cellbridge.cellular;

/**
 * Who the module is.
 *
 * @param manufacturer e.g. "Quectel"
 * @param model        e.g. "RG500U"
 * @param revision     firmware revision
 * @param imei         from {@code AT+CGSN}
 */
public record ModuleInfo(String manufacturer, String model, String revision, String imei) {
}
