package com.usersplatform.stacks;

/** An enum whose constants are written in stack files as {@link #configValue()} (e.g. {@code perAz}). */
public interface ConfigEnum {

    /** The spelling used in {@code Pulumi.<stack>.yaml}. */
    String configValue();
}
