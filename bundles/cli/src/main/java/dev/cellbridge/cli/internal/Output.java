package dev.cellbridge.cli.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.cellbridge.at.AtResponse;
import dev.cellbridge.at.ResponseLine;
import dev.cellbridge.at.ResultCode;
import dev.cellbridge.at.Urc;
import java.io.PrintStream;
import java.util.Base64;

/**
 * Prints answers and URCs as a terminal would show them, or as one JSON object per line.
 * Synchronized: URCs arrive on the channel's dispatcher thread while answers print on the caller's.
 */
final class Output {

    private final PrintStream out;
    private final boolean json;

    Output(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    synchronized void response(AtResponse r) {
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("command", r.command());
            o.addProperty("result", resultName(r.result().code()));
            JsonArray lines = new JsonArray();
            JsonArray data = new JsonArray();
            for (ResponseLine l : r.lines()) {
                lines.add(l.text());
                if (l.hasPayload()) {
                    data.add(Base64.getEncoder().encodeToString(l.payload()));
                }
            }
            o.add("lines", lines);
            o.add("data", data);
            boolean cme = r.result().code() == ResultCode.CME_ERROR && r.result().errorCode() >= 0;
            o.add("cmeError", cme ? new com.google.gson.JsonPrimitive(r.result().errorCode()) : JsonNull.INSTANCE);
            if (r.result().code() == ResultCode.CMS_ERROR && r.result().errorCode() >= 0) {
                o.addProperty("cmsError", r.result().errorCode());
            }
            out.println(o);
        } else {
            for (ResponseLine l : r.lines()) {
                out.println(l.text());
                if (l.hasPayload()) {
                    out.write(l.payload(), 0, l.payload().length);
                    out.println();
                }
            }
            out.println(r.result().text());
        }
        out.flush();
    }

    synchronized void urc(Urc u) {
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("urc", u.line());
            o.add("data", u.hasPayload()
                    ? new com.google.gson.JsonPrimitive(Base64.getEncoder().encodeToString(u.payload()))
                    : JsonNull.INSTANCE);
            out.println(o);
        } else {
            out.println(u.line());
            if (u.hasPayload()) {
                out.write(u.payload(), 0, u.payload().length);
                out.println();
            }
        }
        out.flush();
    }

    synchronized void transparent(byte[] buf, int n) {
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("rx", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf, n)));
            out.println(o);
        } else {
            out.write(buf, 0, n);
        }
        out.flush();
    }

    /** The result as the module spells it: OK, ERROR, CME ERROR, SEND OK, NO CARRIER ... */
    static String resultName(ResultCode code) {
        return switch (code) {
            case CME_ERROR -> "CME ERROR";
            case CMS_ERROR -> "CMS ERROR";
            default -> code.name().replace('_', ' ');
        };
    }
}
