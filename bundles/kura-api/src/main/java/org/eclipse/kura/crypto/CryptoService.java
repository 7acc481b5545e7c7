package org.eclipse.kura.crypto;

import java.io.IOException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

import javax.crypto.BadPaddingException;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;

import org.eclipse.kura.KuraException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Kura's cryptography service (declaration only: the decryption methods cellbridge calls, with Kura 5.4-5.6's
 * signatures; Kura's interface has more). Kura stores Password attributes AES-encrypted in ConfigurationAdmin;
 * these methods give the clear text back.
 */
@ProviderType
public interface CryptoService {

    /** Decrypts a value Kura encrypted with its AES key. */
    char[] decryptAes(char[] encryptedValue) throws KuraException;

    /**
     * Decrypts a value Kura encrypted with its AES key.
     *
     * @deprecated in Kura in favour of {@link #decryptAes(char[])}
     */
    @Deprecated
    String decryptAes(String encryptedValue) throws NoSuchAlgorithmException, NoSuchPaddingException,
        InvalidKeyException, IOException, IllegalBlockSizeException, BadPaddingException;
}
