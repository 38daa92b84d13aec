package com.usersplatform.chatrelay;

/** Where the chat webhook URL is kept: the secret's current value, read when the relay needs it. */
@FunctionalInterface
public interface WebhookSecret {

    /** The secret's current string value. */
    String read();
}
