package com.usersplatform.infra.offline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The render command's Java side: two renders of a stack give byte-identical plans, each entry with its dependsOn. */
class RenderTest {

    @Test
    void twoRendersOfTheSameStackAreByteIdentical(@TempDir Path dir) throws Exception {
        Render.render("prod", dir.resolve("a"));
        Render.render("prod", dir.resolve("b"));

        byte[] first = Files.readAllBytes(dir.resolve("a/plan.json"));
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("b/plan.json")));
        String plan = new String(first, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(plan.startsWith("[") && plan.contains("\"type\": \"aws:eks/cluster:Cluster\""), plan.substring(0, 200));
        // Every entry says what it waits for, e.g. the node group waits for the private subnets' NAT routes.
        var entries = com.google.gson.JsonParser.parseString(plan).getAsJsonArray();
        entries.forEach(e -> assertTrue(e.getAsJsonObject().has("dependsOn"), e.toString()));
        assertTrue(entries.asList().stream().map(e -> e.getAsJsonObject())
                .filter(e -> e.get("type").getAsString().equals("aws:eks/nodeGroup:NodeGroup"))
                .anyMatch(e -> e.getAsJsonArray("dependsOn").toString()
                        .contains("aws:ec2/routeTableAssociation:RouteTableAssociation::vpc-private-0")));
        assertTrue(Files.isDirectory(dir.resolve("a/manifests")));
    }
}
