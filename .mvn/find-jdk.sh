#!/bin/sh
# Prints the home of the JDK 21+ that runs Maven and the platform (./platform, ./test), so that neither needs
# JAVA_HOME set by hand on a machine whose default java is older:
#   1. JAVA_HOME, when it is a JDK 21+;
#   2. else the java on the PATH, when it is a JDK 21+;
#   3. else the newest JDK 21+ installed in the usual places: /usr/lib/jvm, /usr/lib64/jvm, /usr/java, /opt/java,
#      SDKMAN (~/.sdkman/candidates/java), ~/.jdks, /Library/Java/JavaVirtualMachines and macOS's java_home.
# Says on stderr which JDK it picked and why when it is not JAVA_HOME. Exits 2, saying what it looked at, when there
# is none. PLATFORM_JDK_ROOTS (directories separated by ':') replaces the places of step 3 (and java_home).
set -eu

REQUIRED=21

# The feature version of the JDK at $1 (25 for "25.0.1", 8 for "1.8.0_292"), or nothing when $1 is not a JDK
# (a JRE without javac cannot compile the modules).
feature_version() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  version=$("$1/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  case $version in
    1.*) version=${version#1.} ;;
  esac
  version=${version%%[!0-9]*}
  echo "$version"
}

# The java.home of a java command (resolves /usr/bin/java's symlinks, and macOS's /usr/bin/java stub).
home_of() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p' | head -n 1
}

usable() {
  version=$(feature_version "$1")
  [ -n "$version" ] && [ "$version" -ge "$REQUIRED" ]
}

describe_java_home() {
  if [ -z "${JAVA_HOME:-}" ]; then
    echo "JAVA_HOME is not set"
  else
    version=$(feature_version "$JAVA_HOME")
    if [ -n "$version" ]; then
      echo "JAVA_HOME=$JAVA_HOME is JDK $version, older than $REQUIRED"
    else
      echo "JAVA_HOME=$JAVA_HOME holds no JDK (bin/java and bin/javac)"
    fi
  fi
}

if [ -n "${JAVA_HOME:-}" ] && usable "$JAVA_HOME"; then
  echo "$JAVA_HOME"
  exit 0
fi

path_java=$(command -v java 2>/dev/null || true)
path_home=""
if [ -n "$path_java" ]; then
  path_home=$(home_of "$path_java")
  if [ -n "$path_home" ] && usable "$path_home"; then
    echo "JDK: $(describe_java_home); using the java on the PATH, $path_home (JDK $(feature_version "$path_home"))" >&2
    echo "$path_home"
    exit 0
  fi
fi

if [ -n "${PLATFORM_JDK_ROOTS:-}" ]; then
  roots=$PLATFORM_JDK_ROOTS
  macos_java_home=""
else
  roots="/usr/lib/jvm:/usr/lib64/jvm:/usr/java:/opt/java:${SDKMAN_DIR:-${HOME:-/nonexistent}/.sdkman}/candidates/java"
  roots="$roots:${HOME:-/nonexistent}/.jdks:/Library/Java/JavaVirtualMachines"
  macos_java_home=/usr/libexec/java_home
fi

best=""
best_version=0
consider() {
  version=$(feature_version "$1")
  if [ -n "$version" ] && [ "$version" -gt "$best_version" ]; then
    best=$1
    best_version=$version
  fi
}

if [ -n "$macos_java_home" ] && [ -x "$macos_java_home" ]; then
  found=$("$macos_java_home" -v "$REQUIRED+" 2>/dev/null || true)
  [ -z "$found" ] || consider "$found"
fi
old_ifs=$IFS
IFS=:
for root in $roots; do
  IFS=$old_ifs
  [ -d "$root" ] || continue
  for home in "$root"/* "$root"/*/Contents/Home; do
    [ -d "$home" ] && consider "$home"
  done
done
IFS=$old_ifs

if [ "$best_version" -ge "$REQUIRED" ]; then
  echo "JDK: $(describe_java_home); using $best (JDK $best_version)" >&2
  echo "$best"
  exit 0
fi

{
  echo "This platform needs a JDK $REQUIRED or newer, and none was found."
  echo "  $(describe_java_home)"
  if [ -n "$path_java" ]; then
    echo "  java on the PATH: $path_java (${path_home:-unknown home}, JDK $(feature_version "${path_home:-/nonexistent}"))"
  fi
  echo "  looked in: $roots${macos_java_home:+ and $macos_java_home}"
  echo "Install a JDK $REQUIRED+ (e.g. Temurin 25) and set JAVA_HOME to it."
} >&2
exit 2
