package vn.dongxanh.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dongxanh.contract.psk.PskFile;
import vn.dongxanh.sim.FirmwareSim;
import vn.dongxanh.sim.PlotSpec;
import vn.dongxanh.sim.device.Fault;
import vn.dongxanh.sim.field.Crop;

class CommandLineTest {
    @Test
    void defaultsMatchTheHelp() throws Exception {
        var o = CommandLine.parse();
        assertThat(o.help()).isFalse();
        assertThat(o.runFor()).isNull();
        var c = o.config();
        assertThat(c.brokerUrl()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(c.plots())
                .containsExactly(new PlotSpec("p01", Crop.RICE, 2.5), new PlotSpec("p02", Crop.VEGETABLE, 1.0));
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.speed()).isEqualTo(1);
        assertThat(c.seed()).isEqualTo(42);
        assertThat(c.coapPlots()).isEmpty();
        assertThat(c.recordFile()).isNull();
        assertThat(c.valve().maxRunTime()).isEqualTo(Duration.ofMinutes(240));
    }

    @Test
    void parsesEveryOption() throws Exception {
        var o = CommandLine.parse(
                "--broker",
                "tcp://127.0.0.1:2883",
                "--plots",
                "a1:rice:3:9000,b2:veg:0.5",
                "--interval=200ms",
                "--speed",
                "60",
                "--seed",
                "7",
                "--duration",
                "1m",
                "--coap-plots",
                "b2",
                "--coap-insecure",
                "--coap-port",
                "5700",
                "--record",
                "/tmp/x.jsonl",
                "--fault",
                "silent:a1-wl@30s,stuck:b2-sm@1m+5m",
                "--fault",
                "drop:a1-valve@10s",
                "--noise",
                "water_level=0.5,flow=0",
                "--max-run",
                "60m",
                "--field",
                "et=4,sp=3,porosity=0.3,rain-per-day=0");
        var c = o.config();
        assertThat(c.brokerUrl()).isEqualTo("tcp://127.0.0.1:2883");
        assertThat(c.plots())
                .containsExactly(new PlotSpec("a1", Crop.RICE, 3, 9000), new PlotSpec("b2", Crop.VEGETABLE, 0.5));
        assertThat(c.interval()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.speed()).isEqualTo(60);
        assertThat(c.seed()).isEqualTo(7);
        assertThat(o.runFor()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.coapPlots()).isEqualTo(Set.of("b2"));
        assertThat(c.coapPort()).isEqualTo(5700);
        assertThat(c.recordFile()).isEqualTo(Path.of("/tmp/x.jsonl"));
        assertThat(c.faults())
                .extracting(Fault::type)
                .containsExactly(Fault.Type.SILENT, Fault.Type.STUCK, Fault.Type.DROP);
        assertThat(c.sensors().waterLevelSigmaCm()).isEqualTo(0.5);
        assertThat(c.sensors().flowSigmaFraction()).isZero();
        assertThat(c.valve().maxRunTime()).isEqualTo(Duration.ofMinutes(60));
        assertThat(c.field().paddy().etMmPerDay()).isEqualTo(4);
        assertThat(c.field().paddy().seepagePercolationMmPerDay()).isEqualTo(3);
        assertThat(c.field().paddy().drainablePorosity()).isEqualTo(0.3);
        assertThat(c.field().rain().eventsPerDay()).isZero();
    }

    @Test
    void plotsCountAlternatesCrops() throws Exception {
        var plots = CommandLine.parse("--plots-count", "3", "--plot-prefix", "hx")
                .config()
                .plots();
        assertThat(plots).extracting(PlotSpec::id).containsExactly("hx01", "hx02", "hx03");
        assertThat(plots).extracting(PlotSpec::crop).containsExactly(Crop.RICE, Crop.VEGETABLE, Crop.RICE);
    }

    @Test
    void coapDevicesServeDtlsWithKeysFromTheFileOrPlainCoapOnlyWhenAskedFor(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> CommandLine.parse("--plots", "a1:rice:1", "--coap-plots", "a1"))
                .hasMessageContaining("--coap-psk FILE")
                .hasMessageContaining("--coap-insecure");
        Path file = dir.resolve("psk.txt");
        assertThatThrownBy(() ->
                        CommandLine.parse("--coap-plots", "p01", "--coap-psk", file.toString(), "--coap-insecure"))
                .hasMessageContaining("either --coap-psk or --coap-insecure");
        assertThatThrownBy(() -> CommandLine.parse("--load", "--coap-insecure"))
                .hasMessageContaining("--coap-insecure does not apply to the load mode");
        assertThatThrownBy(() -> CommandLine.parse("--coap-psk", file.toString()))
                .hasMessageContaining("--coap-psk needs --coap-plots");

        // a hand-written key is used as it is; the devices the file lacks get fresh ones
        String key = "00112233445566778899aabbccddeeff";
        Files.writeString(file, "a1-wl sensor-7 " + key + "\n");
        var c = CommandLine.parse("--plots", "a1:rice:1", "--coap-plots", "a1", "--coap-psk", file.toString())
                .config();
        assertThat(c.coapSecurity().dtls()).isTrue();
        assertThat(c.coapSecurity().keyOf("a1-wl").orElseThrow().identity()).isEqualTo("sensor-7");
        assertThat(c.coapSecurity().keyOf("a1-wl").orElseThrow().keyHex()).isEqualTo(key);
        assertThat(PskFile.read(file)).containsOnlyKeys("a1-wl", "a1-rain", "a1-flow", "a1-valve");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PskFile.OWNER_ONLY);

        Files.writeString(file, "a1-wl sensor-7 0011\n");
        assertThatThrownBy(() ->
                        CommandLine.parse("--plots", "a1:rice:1", "--coap-plots", "a1", "--coap-psk", file.toString()))
                .hasMessageContaining("--coap-psk: " + file + " line 1");
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertThatThrownBy(() -> CommandLine.parse("--speed", "fast")).hasMessageContaining("--speed needs a number");
        assertThatThrownBy(() -> CommandLine.parse("--nope", "1")).hasMessageContaining("unknown option --nope");
        assertThatThrownBy(() -> CommandLine.parse("--interval")).hasMessageContaining("--interval needs a value");
        assertThatThrownBy(() -> CommandLine.parse("--plots", "p01:corn:1")).hasMessageContaining("unknown crop");
        assertThatThrownBy(() -> CommandLine.parse("--plots", "P 1:rice:1")).hasMessageContaining("invalid");
        assertThatThrownBy(() -> CommandLine.parse("--plots", "p01:rice:1", "--plots-count", "2"))
                .hasMessageContaining("either --plots or --plots-count");
        assertThatThrownBy(() -> CommandLine.parse("--coap-plots", "p09")).hasMessageContaining("not one of the plots");
        assertThatThrownBy(() -> CommandLine.parse("--fault", "silent:p07-wl@1s"))
                .hasMessageContaining("not simulated");
        assertThatThrownBy(() -> CommandLine.parse("--field", "porosity=0")).hasMessageContaining("porosity");
        assertThatThrownBy(() -> CommandLine.parse("--field", "magic=1")).hasMessageContaining("unknown key 'magic'");
        assertThatThrownBy(() -> CommandLine.parse("--speed", "0")).hasMessageContaining("speed");
        assertThatThrownBy(() -> CommandLine.parse("--interval", "0s")).hasMessageContaining("longer than 0");
    }

    @Test
    void helpDescribesEveryOptionAndExitsZero() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = FirmwareSim.run(new String[] {"--help"}, print(out), print(err));
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        for (String option : List.of(
                "--broker",
                "--plots",
                "--plots-count",
                "--plot-prefix",
                "--interval",
                "--speed",
                "--seed",
                "--duration",
                "--coap-plots",
                "--coap-host",
                "--coap-port",
                "--coap-psk",
                "--coap-insecure",
                "--record",
                "--fault",
                "--noise",
                "--max-run",
                "--connect-timeout",
                "--field",
                "--help")) {
            assertThat(help).contains(option);
        }
        assertThat(help)
                .contains("WALL CLOCK")
                .contains("[tcp://127.0.0.1:1883]")
                .contains("[5s]")
                .contains("[42]");
        for (FieldKeys.Key k : FieldKeys.keys()) assertThat(help).contains(k.name());
    }

    @Test
    void badOptionsExitTwoWithAMessage() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = FirmwareSim.run(new String[] {"--speed", "fast"}, print(out), print(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--speed needs a number")
                .contains("--help");
        assertThat(out.size()).isZero();
    }

    @Test
    void anUnreachableBrokerExitsOne() {
        var err = new ByteArrayOutputStream();
        int port = vn.dongxanh.devkit.FreePorts.tcp(); // nothing listens there
        int code = FirmwareSim.run(
                new String[] {"--broker", "tcp://127.0.0.1:" + port, "--plots", "zz01:rice:1", "--connect-timeout", "2s"
                },
                print(new ByteArrayOutputStream()),
                print(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("cannot start")
                .contains("zz01-");
    }

    @Test
    void loadModeTakesItsOptionsAndTheSharedOnes() throws Exception {
        var o = CommandLine.parse(
                "--load",
                "--broker=tcp://127.0.0.1:2883",
                "--coop",
                "htx-load",
                "--gateways",
                "8",
                "--devices-per-gateway",
                "250",
                "--metrics",
                "water_level,battery",
                "--batch",
                "200",
                "--rate",
                "50000",
                "--clients",
                "2",
                "--in-flight",
                "20",
                "--duration",
                "30s",
                "--seed",
                "9",
                "--noise",
                "water_level=0");
        assertThat(o.config()).isNull();
        var load = o.load();
        assertThat(load.brokerUrl()).isEqualTo("tcp://127.0.0.1:2883");
        assertThat(load.cooperativeId()).isEqualTo("htx-load");
        assertThat(load.gateways()).isEqualTo(8);
        assertThat(load.devicesPerGateway()).isEqualTo(250);
        assertThat(load.metrics())
                .containsExactly(
                        vn.dongxanh.contract.telemetry.Metric.WATER_LEVEL,
                        vn.dongxanh.contract.telemetry.Metric.BATTERY);
        assertThat(load.batchReadings()).isEqualTo(200);
        assertThat(load.readingsPerSecond()).isEqualTo(50_000);
        assertThat(load.clients()).isEqualTo(2);
        assertThat(load.inFlight()).isEqualTo(20);
        assertThat(load.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(load.seed()).isEqualTo(9);
        assertThat(load.sensors().waterLevelSigmaCm()).isZero();
        assertThat(load.devices()).isEqualTo(2_000);
    }

    @Test
    void loadModeDefaultsMatchTheHelp() throws Exception {
        var load = CommandLine.parse("--load").load();
        assertThat(load.cooperativeId()).isEqualTo("load-sim");
        assertThat(load.gateways()).isEqualTo(50);
        assertThat(load.devicesPerGateway()).isEqualTo(50);
        assertThat(load.metrics()).hasSize(4);
        assertThat(load.batchReadings()).isEqualTo(500);
        assertThat(load.unlimited()).isTrue();
        assertThat(load.clients()).isEqualTo(4);
        assertThat(load.inFlight()).isEqualTo(10);
        assertThat(load.duration()).isNull();
        assertThat(CommandLine.USAGE).contains("--load").contains("[load-sim]").contains("gateways [50]");
        assertThat(CommandLine.parse("--load", "--rate", "unlimited").load().unlimited())
                .isTrue();
    }

    @Test
    void loadAndSimulationOptionsDoNotMix() {
        assertThatThrownBy(() -> CommandLine.parse("--gateways", "3"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--gateways needs --load");
        assertThatThrownBy(() -> CommandLine.parse("--load", "--plots", "a:rice:1"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--plots does not apply to the load mode");
        assertThatThrownBy(() -> CommandLine.parse("--load", "--metrics", "water_level,humidity"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown metric 'humidity'");
        assertThatThrownBy(() -> CommandLine.parse("--load", "--gateways", "2", "--clients", "3"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("clients must be ≤ gateways");
    }

    @Test
    void loadModeRunsForItsDurationAndPrintsASummary() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        String coop = vn.dongxanh.sim.TestBroker.uniquePrefix() + "cli";
        int code = FirmwareSim.run(
                new String[] {
                    "--load",
                    "--broker",
                    vn.dongxanh.devkit.LocalServices.mqttUrl(),
                    "--coop",
                    coop,
                    "--gateways",
                    "4",
                    "--devices-per-gateway",
                    "10",
                    "--batch",
                    "40",
                    "--rate",
                    "4000",
                    "--clients",
                    "2",
                    "--duration",
                    "6s"
                },
                print(out),
                print(err));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(text)
                .contains("load: 4 gateways × 10 devices × 4 metrics")
                .contains("readings/s")
                .containsPattern("published [0-9,]+ readings in [0-9,]+ batches");
        // a progress line after 5 s
        assertThat(text).containsPattern("\\s5 s\\s+[0-9,]+ readings in");
    }

    private static PrintStream print(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }
}
