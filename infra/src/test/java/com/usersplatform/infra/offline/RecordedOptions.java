package com.usersplatform.infra.offline;

import java.util.List;
import java.util.Optional;

/**
 * The resource options a resource was declared with (as written in the program, before inheritance from its parent):
 * what {@code pulumi up} does with a resource beyond its inputs.
 *
 * @param ignoreChanges input paths Pulumi leaves alone after creation (e.g. values that rotation changes)
 * @param protect       the explicit {@code protect} option, empty when inherited from the parent
 * @param version       the pinned provider plugin version, empty for the provider's default
 */
public record RecordedOptions(List<String> ignoreChanges, Optional<Boolean> protect, Optional<String> version) {

    /** Options of a resource declared without any of these. */
    public static final RecordedOptions NONE = new RecordedOptions(List.of(), Optional.empty(), Optional.empty());

    public RecordedOptions {
        ignoreChanges = List.copyOf(ignoreChanges);
    }
}
