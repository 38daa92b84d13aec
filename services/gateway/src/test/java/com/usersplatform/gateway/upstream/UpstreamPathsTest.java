package com.usersplatform.gateway.upstream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UpstreamPathsTest {
    @Test
    void keepsEveryDecodedIdInsideOneEncodedSegment() {
        assertEquals("/users/3f2a-b_c.d~e", UpstreamPaths.child("/users", "3f2a-b_c.d~e"));
        assertEquals("/users/a%2F..%2Fadmin", UpstreamPaths.child("/users", "a/../admin"));
        assertEquals("/users/%2E%2E", UpstreamPaths.child("/users", ".."));
        assertEquals("/users/%2E", UpstreamPaths.child("/users", "."));
        assertEquals("/users/100%25%3Fx%3D1%23f", UpstreamPaths.child("/users", "100%?x=1#f"));
        assertEquals("/users/%C3%A9%20%E2%9C%93", UpstreamPaths.child("/users", "é ✓"));
    }
}
