package org.eclipse.kura;

import java.util.Arrays;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Kura's checked exception (declaration with Kura 5.4-5.6's constructors; Kura formats the message from a resource
 * bundle, this declaration from the code and the arguments).
 */
@ProviderType
public class KuraException extends Exception {

    private static final long serialVersionUID = 7468633737373095296L;

    private final KuraErrorCode code;
    private final transient Object[] arguments;

    public KuraException(KuraErrorCode code) {
        this(code, null, (Object[]) null);
    }

    public KuraException(KuraErrorCode code, Object... arguments) {
        this(code, null, arguments);
    }

    public KuraException(KuraErrorCode code, Throwable cause, Object... arguments) {
        super(cause);
        this.code = code;
        this.arguments = arguments;
    }

    public KuraErrorCode getCode() {
        return code;
    }

    @Override
    public String getMessage() {
        return arguments == null || arguments.length == 0 ? String.valueOf(code) : code + " - " + Arrays.toString(arguments);
    }
}
