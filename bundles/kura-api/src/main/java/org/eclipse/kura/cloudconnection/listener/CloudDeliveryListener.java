package org.eclipse.kura.cloudconnection.listener;

/** Kura's notification that a published message was confirmed (declaration only, as in Kura 5.x). */
public interface CloudDeliveryListener {

    void onMessageConfirmed(String messageId);
}
