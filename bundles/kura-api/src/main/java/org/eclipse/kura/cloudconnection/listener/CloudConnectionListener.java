package org.eclipse.kura.cloudconnection.listener;

/** Kura's notification of cloud connection changes (declaration only, as in Kura 5.x). */
public interface CloudConnectionListener {

    void onDisconnected();

    void onConnectionLost();

    void onConnectionEstablished();
}
