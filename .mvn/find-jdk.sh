# Sourced by ./mvnw, ./run and .ci/run (POSIX sh). Exports JAVA_HOME pointing at a JDK 21+.
# Order: JAVA_HOME if it is 21+, then `java` on the PATH, then the newest JDK under /usr/lib/jvm.
dx_java_major() {
  # prints the feature version of the java binary $1 (e.g. 17, 21, 25), or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}
dx_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(dx_java_major "$JAVA_HOME/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then return 0; fi
  fi
  if command -v javac >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(dx_java_major "$home/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then JAVA_HOME=$home; export JAVA_HOME; return 0; fi
  fi
  best=""; bestv=0
  case $- in *f*) noglob=1; set +f ;; *) noglob=0 ;; esac
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(dx_java_major "$d/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$bestv" ]; then best=$d; bestv=$v; fi
  done
  [ "$noglob" = 0 ] || set -f
  if [ -n "$best" ]; then JAVA_HOME=$best; export JAVA_HOME; return 0; fi
  echo "Đồng Xanh needs a JDK 21 or newer and found none (JAVA_HOME, PATH, /usr/lib/jvm)." >&2
  echo "Install one, e.g. Eclipse Temurin 21: https://adoptium.net (or 'apt-get install openjdk-21-jdk' where your distribution has it)," >&2
  echo "then set JAVA_HOME to it." >&2
  return 1
}
dx_find_jdk || exit 1
