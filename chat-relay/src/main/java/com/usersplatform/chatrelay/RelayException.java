package com.usersplatform.chatrelay;

/** A notification could not be relayed; the message never contains the webhook URL. */
public final class RelayException extends RuntimeException {

    public RelayException(String message) {
        super(message);
    }
}
