package com.usersplatform.stacks;

/** ElastiCache engine of the replication group. */
public enum CacheEngine implements ConfigEnum {
    /** Redis OSS. */
    REDIS("redis"),
    /** Valkey, the open-source Redis fork AWS recommends (cheaper, same protocol). */
    VALKEY("valkey");

    private final String configValue;

    CacheEngine(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }
}
