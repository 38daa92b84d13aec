package com.usersplatform.infra.observability;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import com.usersplatform.infra.json.StableJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grafana dashboard JSON models built as code: time-series panels over the Prometheus data source (PromQL targets) or
 * the CloudWatch data source (metric queries in the stack's region), laid out two per row.
 */
final class DashboardJson {
    /** The data source the kube-prometheus-stack chart provisions for its Prometheus. */
    static final Map<String, String> PROMETHEUS = Map.of("type", "prometheus", "uid", "prometheus");
    /** The CloudWatch data source {@link Monitoring} provisions (its {@code uid}). */
    static final Map<String, String> CLOUDWATCH = Map.of("type", "cloudwatch", "uid", "cloudwatch");

    private final List<Map<String, Object>> panels = new ArrayList<>();

    /** Adds a Prometheus panel; returns it so callers can decorate it. */
    @SafeVarargs
    final Map<String, Object> prometheus(String title, String unit, Map<String, Object>... targets) {
        return add(title, unit, PROMETHEUS, List.of(targets));
    }

    /**
     * Adds a CloudWatch panel of one metric per statistic, every dimension value of the namespace (match exact off,
     * so the query needs no resource id), in the given region.
     *
     * @see <a href="https://grafana.com/docs/grafana/latest/datasources/aws-cloudwatch/query-editor/">CloudWatch
     *      metrics query editor: region, namespace, metric name, statistic, dimensions, match exact</a>
     */
    Map<String, Object> cloudWatch(String title, String unit, String region, String namespace, String metric,
                                   String statistic) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("queryMode", "Metrics");
        query.put("metricQueryType", 0);
        query.put("metricEditorMode", 0);
        query.put("region", region);
        query.put("namespace", namespace);
        query.put("metricName", metric);
        query.put("statistic", statistic);
        query.put("dimensions", Map.of());
        query.put("matchExact", false);
        query.put("period", "");
        return add(title, unit, CLOUDWATCH, List.of(query));
    }

    private Map<String, Object> add(String title, String unit, Map<String, String> source,
                                    List<Map<String, Object>> targets) {
        int index = panels.size();
        Map<String, Object> panel = new LinkedHashMap<>();
        panel.put("id", index + 1);
        panel.put("type", "timeseries");
        panel.put("title", title);
        panel.put("datasource", source);
        panel.put("gridPos", Map.of("h", 8, "w", 12, "x", (index % 2) * 12, "y", (index / 2) * 8));
        panel.put("fieldConfig", Map.of("defaults", Map.of("unit", unit), "overrides", List.of()));
        List<Map<String, Object>> refs = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Map<String, Object> t = new LinkedHashMap<>(targets.get(i));
            t.put("refId", String.valueOf((char) ('A' + i)));
            t.put("datasource", source);
            refs.add(t);
        }
        panel.put("targets", refs);
        panels.add(panel);
        return panel;
    }

    /** A PromQL target with its legend. */
    static Map<String, Object> target(String expr, String legend) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("expr", expr);
        target.put("legendFormat", legend);
        return target;
    }

    /** The dashboard's JSON: sorted keys (StableJson) so it is byte-identical between runs, pretty for review. */
    String render(String uid, String title) {
        Map<String, Object> dashboard = new LinkedHashMap<>();
        dashboard.put("uid", uid);
        dashboard.put("title", title);
        dashboard.put("tags", List.of("users-platform"));
        dashboard.put("timezone", "utc");
        dashboard.put("refresh", "30s");
        dashboard.put("schemaVersion", 39);
        dashboard.put("time", Map.of("from", "now-6h", "to", "now"));
        dashboard.put("panels", panels);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                .toJson(JsonParser.parseString(StableJson.of(dashboard))) + "\n";
    }
}
