# shellcheck shell=bash
# Sourced by the bin/ scripts: selects a JDK 21+ and exports JAVA_HOME/PATH for it.

# Prints the major version of the given java binary (e.g. 17, 21, 25).
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

# Uses JAVA_HOME or the java on PATH when it is 21+, else the newest JDK 21+ found in the usual places.
select_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null)" \
                   /usr/lib/jvm/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java \
                   "$HOME"/.sdkman/candidates/java/*/bin/java; do
    [[ -n "$candidate" && -x "$candidate" ]] || continue
    major=$(java_major "$candidate")
    if [[ -n "$major" && "$major" -ge 21 ]]; then
      JAVA_HOME=$(cd "$(dirname "$(readlink -f "$candidate")")/.." && pwd)
      export JAVA_HOME
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "error: no JDK 21 or newer found; install one or set JAVA_HOME" >&2
  return 1
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export ROOT

# Sets STACKS_CLASSPATH to the stacks module's jar and dependencies, building them once and again only when the
# stacks sources or a pom changed (quiet unless the build fails: exit 2). A STACKS_CLASSPATH already set (the module's
# own tests) is kept.
stacks_classpath() {
  local target="$ROOT/stacks/target"
  local stamp="$target/validate-stack.stamp"
  if [[ -z "${STACKS_CLASSPATH:-}" ]]; then
    # Build once, and again only when the stacks sources or a pom changed since the last build.
    if [[ ! -f "$stamp" || ! -f "$target/stacks.jar" || ! -f "$target/classpath.txt" ]] \
       || [[ -n "$(find "$ROOT/stacks/src/main" "$ROOT/stacks/pom.xml" "$ROOT/pom.xml" -newer "$stamp" -print -quit)" ]]; then
      # Quiet unless the build fails, so the output stays one line per problem.
      local log
      log=$(mktemp)
      if ! (cd "$ROOT" && ./mvnw -q -B -pl stacks -am package -DskipTests) >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        echo "error: building stacks/ failed" >&2
        exit 2
      fi
      rm -f "$log"
      touch "$stamp"
    fi
    STACKS_CLASSPATH="$target/stacks.jar:$(cat "$target/classpath.txt")"
  fi
}
