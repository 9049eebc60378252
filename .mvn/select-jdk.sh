# Sourced by ./mvnw and ./debabelizer: make sure a JDK 25+ runs the build.
# Keeps JAVA_HOME when it already points at JDK 25+; otherwise looks in the usual places.
debabelizer_is_jdk25() {
  [ -n "$1" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  _dbz_major=$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)
  [ -n "$_dbz_major" ] && [ "$_dbz_major" -ge 25 ]
}
case $- in *f*) _dbz_noglob=1; set +f ;; *) _dbz_noglob= ;; esac
if ! debabelizer_is_jdk25 "${JAVA_HOME:-}"; then
  for _dbz_candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-2[5-9]* /usr/lib/jvm/java-2[5-9]* \
                        /usr/lib/jvm/jdk-2[5-9]* /opt/java/openjdk /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if debabelizer_is_jdk25 "$_dbz_candidate"; then
      JAVA_HOME="$_dbz_candidate"
      export JAVA_HOME
      break
    fi
  done
fi
[ -z "$_dbz_noglob" ] || set -f
if ! debabelizer_is_jdk25 "${JAVA_HOME:-}"; then
  echo "debabelizer: a JDK 25 or newer is needed; set JAVA_HOME to one (JAVA_HOME=${JAVA_HOME:-unset})" >&2
  exit 1
fi
# Maven 3.9 on JDK 25 warns about sun.misc.Unsafe; the warning is harmless and noisy.
case " ${MAVEN_OPTS:-} " in
  *sun-misc-unsafe-memory-access*) ;;
  *) MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;;
esac
