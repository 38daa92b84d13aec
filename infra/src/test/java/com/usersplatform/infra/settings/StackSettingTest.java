package com.usersplatform.infra.settings;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.offline.StackFiles;
import com.usersplatform.stacks.StackConfig;
import com.usersplatform.stacks.StackConfigLoader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The walk behind {@link EverySettingReachesTheRenderTest}: it finds every setting and edits only the one it names. */
class StackSettingTest {

    private static final Pattern SECTION = Pattern.compile("^\\*\\*`users-platform:(\\w+)`\\*\\*");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|");

    @Test
    void theWalkFindsEverySettingOfTheGeneratedTableInDocsStacks() throws IOException {
        String docs = Files.readString(StackFiles.repositoryRoot().resolve("docs/stacks.md"));
        String table = docs.substring(docs.indexOf("<!-- stacks-settings:begin"),
                docs.indexOf("<!-- stacks-settings:end"));
        List<String> documented = new ArrayList<>();
        String section = null;
        for (String line : table.lines().toList()) {
            Matcher heading = SECTION.matcher(line);
            Matcher row = ROW.matcher(line);
            if (heading.find()) {
                section = heading.group(1);
            } else if (row.find()) {
                String key = row.group(1);
                documented.add(section != null ? section + "." + key
                        : key.equals(StackConfigLoader.AWS_REGION_KEY) ? "awsRegion"
                        : key.substring(key.indexOf(':') + 1));
            }
        }

        assertEquals(documented, StackSetting.all().stream().map(StackSetting::name).toList());
    }

    @Test
    void writingANestedSettingKeepsTheRestOfItsSectionAndRemovingItRestoresTheDefault() {
        Map<String, String> config = InfraHarness.config("prod");
        StackSetting minReplicas = StackSetting.all().stream()
                .filter(s -> s.name().equals("workloads.users.autoscaling.minReplicas")).findFirst().orElseThrow();

        StackConfig changed = StackConfigLoader.fromPulumiConfig("prod",
                minReplicas.writtenInto(config, IntNode.valueOf(4)));
        StackConfig unset = StackConfigLoader.fromPulumiConfig("prod",
                minReplicas.writtenInto(config, MissingNode.getInstance()));

        StackConfig committed = StackConfigLoader.fromPulumiConfig("prod", config);
        assertEquals(4, minReplicas.valueIn(changed));
        assertEquals(committed.workloads().users().autoscaling().maxReplicas(),
                changed.workloads().users().autoscaling().maxReplicas());
        assertEquals(committed.workloads().users().resources(), changed.workloads().users().resources());
        assertEquals(committed.workloads().gateway(), changed.workloads().gateway());
        assertEquals(StackConfig.DEFAULTS.workloads().users().autoscaling().minReplicas(), minReplicas.valueIn(unset));
    }
}
