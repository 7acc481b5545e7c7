package org.eclipse.kura.cloudconnection.publisher;

import org.eclipse.kura.KuraException;
import org.eclipse.kura.cloudconnection.listener.CloudConnectionListener;
import org.eclipse.kura.cloudconnection.listener.CloudDeliveryListener;
import org.eclipse.kura.cloudconnection.message.KuraMessage;

/**
 * Kura's publisher on a cloud connection (declaration only, as in Kura 5.x): the destination, QoS and retain flag
 * come from the publisher's own configuration.
 */
public interface CloudPublisher {

    /** Publishes a message; returns its identifier for delivery confirmation. */
    String publish(KuraMessage message) throws KuraException;

    void registerCloudConnectionListener(CloudConnectionListener cloudConnectionListener);

    void unregisterCloudConnectionListener(CloudConnectionListener cloudConnectionListener);

    void registerCloudDeliveryListener(CloudDeliveryListener cloudDeliveryListener);

    /** Kura spells it this way. */
    void unregisterCloudDeliveryistener(CloudDeliveryListener cloudDeliveryListener);
}
