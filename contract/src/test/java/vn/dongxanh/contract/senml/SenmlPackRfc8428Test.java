package vn.dongxanh.contract.senml;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Resolution of the JSON examples of RFC 8428 (§1, §2 and §5.1), copied verbatim from the RFC,
 * plus the rules of §4 they exercise: base fields, relative times, versions, extensions.
 */
class SenmlPackRfc8428Test {
    /** The receiver's clock for times relative to "now". */
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static final double NOW_S = NOW.getEpochSecond();
    private static final double TIME_TOLERANCE = 1e-6;

    private static List<SenmlRecord> resolve(String json) {
        return SenmlPack.resolve(json.getBytes(UTF_8), NOW, 1 << 20, 1000);
    }

    private static Instant instant(double seconds) {
        return Instant.ofEpochMilli(Math.round(seconds * 1000));
    }

    private static double number(SenmlRecord r) {
        assertThat(r.value()).isInstanceOf(SenmlValue.Number.class);
        return ((SenmlValue.Number) r.value()).value();
    }

    @Nested
    class Examples {
        @Test
        void singleDataPointIsTakenNow() {
            // §5.1.1
            var records = resolve("""
                    [
                      {"n":"urn:dev:ow:10e2073a01080063","u":"Cel","v":23.1}
                    ]
                    """);

            assertThat(records).hasSize(1);
            SenmlRecord r = records.getFirst();
            assertThat(r.name()).isEqualTo("urn:dev:ow:10e2073a01080063");
            assertThat(r.unit()).isEqualTo("Cel");
            assertThat(number(r)).isEqualTo(23.1);
            assertThat(r.sum()).isNull();
            // no bt and no t: time 0, i.e. "roughly now", and flagged as not given
            assertThat(r.time()).isCloseTo(NOW_S, within(TIME_TOLERANCE));
            assertThat(r.timeGiven()).isFalse();
        }

        @Test
        void multipleDataPointsConcatenateTheBaseName() {
            // §5.1.2, first example
            var records = resolve("""
                    [
                      {"bn":"urn:dev:ow:10e2073a01080063:","n":"voltage","u":"V","v":120.1},
                      {"n":"current","u":"A","v":1.2}
                    ]
                    """);

            assertThat(records)
                    .extracting(SenmlRecord::name)
                    .containsExactly("urn:dev:ow:10e2073a01080063:voltage", "urn:dev:ow:10e2073a01080063:current");
            assertThat(records).extracting(SenmlRecord::unit).containsExactly("V", "A");
            assertThat(records).extracting(SenmlPackRfc8428Test::number).containsExactly(120.1, 1.2);
            assertThat(records).allSatisfy(r -> {
                assertThat(r.time()).isCloseTo(NOW_S, within(TIME_TOLERANCE));
                assertThat(r.timeGiven()).isFalse();
            });
        }

        @Test
        void multipleDataPointsWithBaseTimeBaseUnitAndRelativeOffsets() {
            // §5.1.2, second example: "current at Tue Jun 8 18:01:16.001 UTC 2010 and at each
            // second for the previous 5 seconds" (the RFC's base name really lacks a digit)
            var records = resolve("""
                    [
                      {"bn":"urn:dev:ow:10e2073a0108006:","bt":1.276020076001e+09,
                       "bu":"A","bver":5,
                       "n":"voltage","u":"V","v":120.1},
                      {"n":"current","t":-5,"v":1.2},
                      {"n":"current","t":-4,"v":1.3},
                      {"n":"current","t":-3,"v":1.4},
                      {"n":"current","t":-2,"v":1.5},
                      {"n":"current","t":-1,"v":1.6},
                      {"n":"current","v":1.7}
                    ]
                    """);

            assertThat(records).hasSize(7);
            SenmlRecord voltage = records.getFirst();
            assertThat(voltage.name()).isEqualTo("urn:dev:ow:10e2073a0108006:voltage");
            assertThat(voltage.unit()).as("u overrides bu").isEqualTo("V");
            assertThat(instant(voltage.time())).isEqualTo(Instant.parse("2010-06-08T18:01:16.001Z"));

            List<SenmlRecord> currents = records.subList(1, 7);
            assertThat(currents).extracting(SenmlRecord::name).containsOnly("urn:dev:ow:10e2073a0108006:current");
            assertThat(currents).extracting(SenmlRecord::unit).as("bu applies").containsOnly("A");
            assertThat(currents).extracting(SenmlPackRfc8428Test::number).containsExactly(1.2, 1.3, 1.4, 1.5, 1.6, 1.7);
            assertThat(currents)
                    .extracting(r -> instant(r.time()))
                    .containsExactly(
                            Instant.parse("2010-06-08T18:01:11.001Z"),
                            Instant.parse("2010-06-08T18:01:12.001Z"),
                            Instant.parse("2010-06-08T18:01:13.001Z"),
                            Instant.parse("2010-06-08T18:01:14.001Z"),
                            Instant.parse("2010-06-08T18:01:15.001Z"),
                            Instant.parse("2010-06-08T18:01:16.001Z"));
            assertThat(records).allSatisfy(r -> assertThat(r.timeGiven()).isTrue());
        }

        @Test
        void multipleMeasurementsResolveToTheRfcsResolvedForm() {
            // §5.1.3 resolved must equal §5.1.4, which the RFC gives as its resolved form
            var packed = resolve("""
                    [
                      {"bn":"urn:dev:ow:10e2073a01080063","bt":1.320067464e+09,
                       "bu":"%RH","v":20},
                      {"u":"lon","v":24.30621},
                      {"u":"lat","v":60.07965},
                      {"t":60,"v":20.3},
                      {"u":"lon","t":60,"v":24.30622},
                      {"u":"lat","t":60,"v":60.07965},
                      {"t":120,"v":20.7},
                      {"u":"lon","t":120,"v":24.30623},
                      {"u":"lat","t":120,"v":60.07966},
                      {"u":"%EL","t":150,"v":98},
                      {"t":180,"v":21.2},
                      {"u":"lon","t":180,"v":24.30628},
                      {"u":"lat","t":180,"v":60.07967}
                    ]
                    """);
            var resolved = resolve("""
                    [
                      {"n":"urn:dev:ow:10e2073a01080063","u":"%RH","t":1.320067464e+09,
                       "v":20},
                      {"n":"urn:dev:ow:10e2073a01080063","u":"lon","t":1.320067464e+09,
                       "v":24.30621},
                      {"n":"urn:dev:ow:10e2073a01080063","u":"lat","t":1.320067464e+09,
                       "v":60.07965},
                      {"n":"urn:dev:ow:10e2073a01080063","u":"%RH","t":1.320067524e+09,
                       "v":20.3},
                      {"n":"urn:dev:ow:10e2073a01080063","u":"lon","t":1.320067524e+09,
                       "v":24.30622},
                      {"n":"urn:dev:ow:10e2073a01080063","u":"lat","t":1.320067524e+09,
                       "v":60.07965},
                      {"n":"urn:dev:ow:10e2073a01080063","u":"%RH","t":1.320067584e+09,
                       "v":20.7},
                      {"n":"urn:dev:ow:10e2073a01080063","u":"lon","t":1.320067584e+09,
                       "v":24.30623},
                      {"n":"urn:dev:ow:10e2073a01080063","u":"lat","t":1.320067584e+09,
                       "v":60.07966},
                      {"n":"urn:dev:ow:10e2073a01080063","u":"%EL","t":1.320067614e+09,
                       "v":98},
                      {"n":"urn:dev:ow:10e2073a01080063","u":"%RH","t":1.320067644e+09,
                       "v":21.2},
                      {"n":"urn:dev:ow:10e2073a01080063","u":"lon","t":1.320067644e+09,
                       "v":24.30628},
                      {"n":"urn:dev:ow:10e2073a01080063","u":"lat","t":1.320067644e+09,
                       "v":60.07967}
                    ]
                    """);

            assertThat(packed).hasSize(13).hasSameSizeAs(resolved);
            for (int i = 0; i < packed.size(); i++) {
                SenmlRecord p = packed.get(i);
                SenmlRecord r = resolved.get(i);
                assertThat(p.name()).as("name of record %d", i).isEqualTo(r.name());
                assertThat(p.unit()).as("unit of record %d", i).isEqualTo(r.unit());
                assertThat(p.value()).as("value of record %d", i).isEqualTo(r.value());
                assertThat(p.time()).as("time of record %d", i).isCloseTo(r.time(), within(TIME_TOLERANCE));
                assertThat(p.index()).isEqualTo(i);
            }
            // "starting at Mon Oct 31 13:24:24 UTC 2011"
            assertThat(instant(packed.getFirst().time())).isEqualTo(Instant.parse("2011-10-31T13:24:24Z"));
        }

        @Test
        void multipleDataTypes() {
            // §5.1.5
            var records = resolve("""
                    [
                      {"bn":"urn:dev:ow:10e2073a01080063:","n":"temp","u":"Cel","v":23.1},
                      {"n":"label","vs":"Machine Room"},
                      {"n":"open","vb":false},
                      {"n":"nfv-reader","vd":"aGkgCg"}
                    ]
                    """);

            assertThat(records)
                    .extracting(SenmlRecord::name)
                    .containsExactly(
                            "urn:dev:ow:10e2073a01080063:temp",
                            "urn:dev:ow:10e2073a01080063:label",
                            "urn:dev:ow:10e2073a01080063:open",
                            "urn:dev:ow:10e2073a01080063:nfv-reader");
            assertThat(records)
                    .extracting(SenmlRecord::value)
                    .containsExactly(
                            new SenmlValue.Number(23.1),
                            new SenmlValue.Text("Machine Room"),
                            new SenmlValue.Bool(false),
                            new SenmlValue.Data("aGkgCg"));
            assertThat(records).extracting(SenmlRecord::unit).containsExactly("Cel", null, null, null);
        }

        @Test
        void collectionOfResourcesKeepsTheFirstBaseTimeAcrossANewBaseName() {
            // §5.1.6: "the last record would use the Base Name from the 3rd record but the Base
            // Time from the first record"
            var records = resolve("""
                    [
                      {"bn":"2001:db8::2/","bt":1.320078429e+09,
                       "n":"temperature","u":"Cel","v":25.2},
                      {"n":"humidity","u":"%RH","v":30},
                      {"bn":"2001:db8::1/","n":"temperature","u":"Cel","v":12.3},
                      {"n":"humidity","u":"%RH","v":67}
                    ]
                    """);

            assertThat(records)
                    .extracting(SenmlRecord::name)
                    .containsExactly(
                            "2001:db8::2/temperature",
                            "2001:db8::2/humidity",
                            "2001:db8::1/temperature",
                            "2001:db8::1/humidity");
            assertThat(records).extracting(SenmlPackRfc8428Test::number).containsExactly(25.2, 30.0, 12.3, 67.0);
            // "at Mon Oct 31 16:27:09 UTC 2011"
            assertThat(records).extracting(r -> instant(r.time())).containsOnly(Instant.parse("2011-10-31T16:27:09Z"));
        }

        @Test
        void settingAnActuatorStartsWithARecordOfBaseFieldsOnly() {
            // §5.1.7, first example: the first record carries only a base name
            var records = resolve("""
                    [
                      {"bn":"urn:dev:ow:10e2073a01080063:"},
                      {"n":"temp","u":"Cel","v":23.1},
                      {"n":"heat","u":"/","v":1},
                      {"n":"fan","u":"/","v":0}
                    ]
                    """);

            assertThat(records)
                    .extracting(SenmlRecord::name)
                    .containsExactly(
                            "urn:dev:ow:10e2073a01080063:temp",
                            "urn:dev:ow:10e2073a01080063:heat",
                            "urn:dev:ow:10e2073a01080063:fan");
            assertThat(records).extracting(SenmlRecord::unit).containsExactly("Cel", "/", "/");
            assertThat(records).extracting(SenmlPackRfc8428Test::number).containsExactly(23.1, 1.0, 0.0);
            assertThat(records)
                    .extracting(SenmlRecord::index)
                    .as("positions in the pack")
                    .containsExactly(1, 2, 3);
        }

        @Test
        void settingTwoLightsAtAnAbsoluteTime() {
            // §5.1.7, second example
            var records = resolve("""
                    [
                      {"bt":1.320078429e+09,"bu":"/","n":"2001:db8::3","v":1},
                      {"n":"2001:db8::4","v":1}
                    ]
                    """);

            assertThat(records).extracting(SenmlRecord::name).containsExactly("2001:db8::3", "2001:db8::4");
            assertThat(records).extracting(SenmlRecord::unit).containsOnly("/");
            assertThat(records).extracting(r -> instant(r.time())).containsOnly(Instant.parse("2011-10-31T16:27:09Z"));
        }

        @Test
        void dimmingThenSwitchingOffOneHundredMillisecondsLater() {
            // §5.1.7, third example: "The current time is 1320078429"
            var records = resolve("""
                    [
                      {"bt":1.320078429e+09,"bu":"/","n":"2001:db8::3","v":0.5},
                      {"n":"2001:db8::4","v":0.5},
                      {"n":"2001:db8::3","t":0.1,"v":0},
                      {"n":"2001:db8::4","t":0.1,"v":0}
                    ]
                    """);

            assertThat(records).extracting(SenmlPackRfc8428Test::number).containsExactly(0.5, 0.5, 0.0, 0.0);
            assertThat(records)
                    .extracting(r -> instant(r.time()))
                    .containsExactly(
                            Instant.parse("2011-10-31T16:27:09Z"),
                            Instant.parse("2011-10-31T16:27:09Z"),
                            Instant.parse("2011-10-31T16:27:09.100Z"),
                            Instant.parse("2011-10-31T16:27:09.100Z"));
        }

        @Test
        void overviewExamplesWithAbsoluteTimesAndABaseNameWithoutNames() {
            // §2: two measurements at absolute times, the second written with a base name
            String expanded = """
                    [
                      {"n":"urn:dev:ow:10e2073a01080063","u":"Cel","t":1.276020076e+09,
                       "v":23.5},
                      {"n":"urn:dev:ow:10e2073a01080063","u":"Cel","t":1.276020091e+09,
                       "v":23.6}
                    ]
                    """;
            String compact = """
                    [
                      {"bn":"urn:dev:ow:10e2073a01080063","u":"Cel","t":1.276020076e+09,
                       "v":23.5},
                      {"u":"Cel","t":1.276020091e+09,
                       "v":23.6}
                    ]
                    """;

            var a = resolve(expanded);
            var b = resolve(compact);
            assertThat(b).extracting(SenmlRecord::name).containsOnly("urn:dev:ow:10e2073a01080063");
            assertThat(b)
                    .extracting(SenmlRecord::value)
                    .isEqualTo(a.stream().map(SenmlRecord::value).toList());
            assertThat(b)
                    .extracting(SenmlRecord::time)
                    .isEqualTo(a.stream().map(SenmlRecord::time).toList());
            assertThat(b)
                    .extracting(r -> instant(r.time()))
                    .containsExactly(Instant.parse("2010-06-08T18:01:16Z"), Instant.parse("2010-06-08T18:01:31Z"));
        }
    }

    @Nested
    class Times {
        @Test
        void timesBelowTwoToTheTwentyEightAreRelativeToNow() {
            var records = resolve("""
                    [
                      {"bn":"dev-1:","n":"past","v":1,"t":-30},
                      {"n":"future","v":1,"t":20},
                      {"n":"now","v":1,"t":0}
                    ]
                    """);

            assertThat(records)
                    .extracting(r -> instant(r.time()))
                    .containsExactly(NOW.minusSeconds(30), NOW.plusSeconds(20), NOW);
            assertThat(records).allSatisfy(r -> assertThat(r.timeGiven()).isTrue());
        }

        @Test
        void relativeBaseTimeAndTimeAddUpBeforeBeingResolved() {
            var records = resolve("""
                    [{"bn":"dev-1:","bt":-60,"n":"x","v":1,"t":10.5}]
                    """);

            assertThat(instant(records.getFirst().time())).isEqualTo(NOW.minusMillis(49_500));
        }

        @Test
        void twoToTheTwentyEightIsTheFirstAbsoluteTime() {
            var records = resolve("""
                    [
                      {"bn":"dev-1:","n":"absolute","v":1,"t":268435456},
                      {"n":"relative","v":1,"t":268435455}
                    ]
                    """);

            // "the smallest absolute Time value that can be expressed (2**28) is 1978-07-04 21:24:16 UTC"
            assertThat(instant(records.get(0).time())).isEqualTo(Instant.parse("1978-07-04T21:24:16Z"));
            assertThat(instant(records.get(1).time())).isEqualTo(NOW.plusSeconds(268_435_455));
        }
    }

    @Nested
    class Values {
        @Test
        void baseValueIsAddedToEveryValue() {
            var records = resolve("""
                    [
                      {"bn":"meter-1:","bv":1000,"n":"a","v":1.5},
                      {"n":"b","v":-2},
                      {"bv":0,"n":"c","v":7}
                    ]
                    """);

            assertThat(records).extracting(SenmlPackRfc8428Test::number).containsExactly(1001.5, 998.0, 7.0);
        }

        @Test
        void baseSumIsAddedToSumsAndStandsAloneWhenARecordHasNoSum() {
            // §4.5.4: "If only one Base Sum or Sum value is present, the missing field is
            // considered to have a value of zero."
            var records = resolve("""
                    [
                      {"bn":"meter-1:","bs":100,"n":"energy","s":5},
                      {"n":"energy","v":3}
                    ]
                    """);

            assertThat(records).extracting(SenmlRecord::sum).containsExactly(105.0, 100.0);
            assertThat(records.get(0).value()).as("sum only, no value").isNull();
            assertThat(records.get(1).value()).isEqualTo(new SenmlValue.Number(3));
        }

        @Test
        void withoutBaseSumOrSumThereIsNoSum() {
            var records = resolve("""
                    [{"bn":"meter-1:","n":"energy","v":3}]
                    """);

            assertThat(records.getFirst().sum()).isNull();
        }

        @Test
        void booleanStringAndDataValuesAreKeptAsTheirType() {
            var records = resolve("""
                    [
                      {"bn":"dev-1:","n":"on","vb":true},
                      {"n":"note","vs":"đồng xanh"},
                      {"n":"blob","vd":"AQID"}
                    ]
                    """);

            assertThat(records)
                    .extracting(SenmlRecord::value)
                    .containsExactly(
                            new SenmlValue.Bool(true), new SenmlValue.Text("đồng xanh"), new SenmlValue.Data("AQID"));
        }

        @Test
        void aValueOfTheWrongJsonTypeIsRefused() {
            assertRefused("""
                    [{"n":"dev-1:on","vb":"yes"}]
                    """, SenmlException.Reason.WRONG_TYPE, "vb must be true or false");
            assertRefused("""
                    [{"n":"dev-1:note","vs":5}]
                    """, SenmlException.Reason.WRONG_TYPE, "vs must be a string");
        }

        @Test
        void twoValuesInOneRecordAreAmbiguous() {
            assertRefused("""
                    [{"n":"dev-1:x","v":1,"vs":"one"}]
                    """, SenmlException.Reason.AMBIGUOUS_VALUE, "more than one of v, vb, vs, vd");
        }

        @Test
        void aBaseValueOverflowingTheValueIsRefused() {
            assertRefused("""
                    [{"n":"dev-1:x","bv":1.7e308,"v":1.7e308}]
                    """, SenmlException.Reason.NON_FINITE, "v must be a finite number");
        }
    }

    @Nested
    class VersionsAndExtensions {
        @Test
        void versionTenAndOlderAreUnderstood() {
            assertThat(resolve("""
                            [{"bver":10,"n":"dev-1:x","v":1}]
                            """)).hasSize(1);
            assertThat(resolve("""
                            [{"bver":5,"n":"dev-1:x","v":1}]
                            """)).hasSize(1);
        }

        @Test
        void aNewerVersionIsRefusedInAnyRecord() {
            assertRefused("""
                    [{"bver":11,"n":"dev-1:x","v":1}]
                    """, SenmlException.Reason.UNSUPPORTED_VERSION, "SenML version 11 is newer than 10");
            SenmlException e = assertRefused("""
                    [{"n":"dev-1:x","v":1},{"bver":11,"n":"dev-1:y","v":2}]
                    """, SenmlException.Reason.UNSUPPORTED_VERSION, "version 11");
            assertThat(e.recordIndex()).isEqualTo(1);
        }

        @Test
        void aVersionThatIsNotAnIntegerIsRefused() {
            assertRefused("""
                    [{"bver":"10","n":"dev-1:x","v":1}]
                    """, SenmlException.Reason.WRONG_TYPE, "bver must be an integer");
            assertRefused("""
                    [{"bver":99999999999999999999999,"n":"dev-1:x","v":1}]
                    """, SenmlException.Reason.WRONG_TYPE, "bver must be an integer");
        }

        @Test
        void unknownFieldsAreIgnored() {
            // §4.4: "Implementations MUST ignore fields they don't recognize"
            var records = resolve("""
                    [{"n":"dev-1:x","v":1,"ut":60,"colour":"green"}]
                    """);

            assertThat(records)
                    .singleElement()
                    .extracting(SenmlPackRfc8428Test::number)
                    .isEqualTo(1.0);
        }

        @Test
        void mustUnderstandFieldsAreRefused() {
            // §4.4: "... unless that field has a label name that ends with the '_' character, in
            // which case an error MUST be generated"
            assertRefused("""
                    [{"n":"dev-1:x","v":1,"rt_":"x"}]
                    """, SenmlException.Reason.WRONG_TYPE, "must-understand field 'rt_'");
            assertRefused("""
                    [{"bn":"dev-1:","bex_":1},{"n":"x","v":1}]
                    """, SenmlException.Reason.WRONG_TYPE, "must-understand field 'bex_'");
        }

        @Test
        void aPackOfBaseFieldsOnlyHasNothingToResolve() {
            assertRefused("""
                    [{"bn":"dev-1:","bt":1.7e9}]
                    """, SenmlException.Reason.EMPTY_PACK, "only base fields");
        }

        @Test
        void anEmptyRecordIsNotTakenForABaseRecord() {
            assertRefused("""
                    [{}]
                    """, SenmlException.Reason.MISSING_NAME, "no name");
        }
    }

    @Nested
    class Names {
        @Test
        void theConcatenatedNameMustUseTheRfcCharacterSet() {
            // §4.5.1: A-Z a-z 0-9 - : . / _, starting with a letter or digit
            assertThat(resolve("""
                            [{"n":"Aa0-:./_z","v":1}]
                            """))
                    .singleElement()
                    .extracting(SenmlRecord::name)
                    .isEqualTo("Aa0-:./_z");
            assertRefused("""
                    [{"n":"-dev","v":1}]
                    """, SenmlException.Reason.INVALID_NAME, "name '-dev'");
            assertRefused("""
                    [{"bn":"dev 1:","n":"x","v":1}]
                    """, SenmlException.Reason.INVALID_NAME, "name 'dev 1:x'");
            assertRefused("""
                    [{"n":"dev-1:x?","v":1}]
                    """, SenmlException.Reason.INVALID_NAME, "characters outside");
        }

        @Test
        void aRecordWithoutBaseNameOrNameHasNoName() {
            assertRefused("""
                    [{"u":"Cel","v":1}]
                    """, SenmlException.Reason.MISSING_NAME, "neither bn nor n");
        }
    }

    @Test
    void limitsAreCheckedBeforeResolving() {
        byte[] json = """
                [{"n":"a","v":1},{"n":"b","v":2},{"n":"c","v":3}]
                """.getBytes(UTF_8);

        assertThat(SenmlPack.resolve(json, NOW, json.length, 3)).hasSize(3);
        assertThatThrownBy(() -> SenmlPack.resolve(json, NOW, json.length, 2))
                .isInstanceOfSatisfying(
                        SenmlException.class,
                        e -> assertThat(e.reason()).isEqualTo(SenmlException.Reason.PACK_TOO_LARGE))
                .hasMessageContaining("3 records, limit 2");
        assertThatThrownBy(() -> SenmlPack.resolve(json, NOW, json.length - 1, 3))
                .isInstanceOfSatisfying(
                        SenmlException.class,
                        e -> assertThat(e.reason()).isEqualTo(SenmlException.Reason.PACK_TOO_LARGE))
                .hasMessageContaining(json.length + " bytes, limit " + (json.length - 1));
    }

    private static SenmlException assertRefused(String json, SenmlException.Reason reason, String messagePart) {
        try {
            resolve(json);
        } catch (SenmlException e) {
            assertThat(e.reason()).as("reason for %s", json).isEqualTo(reason);
            assertThat(e.getMessage()).as("message for %s", json).contains(messagePart);
            return e;
        }
        throw new AssertionError("expected " + reason + " for " + json);
    }
}
