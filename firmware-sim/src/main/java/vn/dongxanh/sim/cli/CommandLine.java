package vn.dongxanh.sim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import vn.dongxanh.contract.Ids;
import vn.dongxanh.contract.psk.PskFile;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.sim.Durations;
import vn.dongxanh.sim.PlotSpec;
import vn.dongxanh.sim.SimulationConfig;
import vn.dongxanh.sim.coap.CoapSecurity;
import vn.dongxanh.sim.device.Fault;
import vn.dongxanh.sim.device.SensorParameters;
import vn.dongxanh.sim.device.ValveParameters;
import vn.dongxanh.sim.field.FieldParameters;
import vn.dongxanh.sim.load.LoadConfig;
import vn.dongxanh.sim.mqtt.DeviceCredentials;

/** Parses the simulator's command line ({@link #USAGE}) into {@link Options}. */
public final class CommandLine {
    static final String DEFAULT_PLOTS = "p01:rice:2.5,p02:vegetable:1.0";

    /** Options only the load mode takes, and those it has no use for. */
    private static final Set<String> LOAD_ONLY = Set.of(
            "--coop",
            "--gateways",
            "--devices-per-gateway",
            "--metrics",
            "--batch",
            "--rate",
            "--clients",
            "--in-flight");

    private static final Set<String> SIMULATION_ONLY = Set.of(
            "--credentials",
            "--tls-ca",
            "--plots",
            "--plots-count",
            "--plot-prefix",
            "--interval",
            "--speed",
            "--coap-plots",
            "--coap-host",
            "--coap-port",
            "--coap-psk",
            "--coap-insecure",
            "--record",
            "--fault",
            "--max-run");

    public static final String USAGE = usage();

    private CommandLine() {}

    private static String usage() {
        SensorParameters s = SensorParameters.defaults();
        var keys = new StringBuilder();
        for (FieldKeys.Key k : FieldKeys.keys()) {
            keys.append(String.format(
                    Locale.ROOT,
                    "                             %-24s %s (default %s)%n",
                    k.name(),
                    k.meaning(),
                    number(k.defaultValue())));
        }
        return """
                Usage: java -jar firmware-sim.jar [options]

                Runs simulated field devices for one or more plots: paddy water-level nodes,
                soil-moisture nodes, rain gauges, flow meters and valve controllers. Each plot has
                a physical model (paddy water balance, or root-zone soil moisture) driven by rain,
                evapotranspiration, percolation and its valve. Devices of plot P are P-wl (rice) or
                P-sm (vegetable), P-rain, P-flow and P-valve.

                MQTT devices each have their own client (client id = device id) on the field broker:
                  dx/v1/dev/{id}/up       SenML telemetry, QoS 1, every --interval
                  dx/v1/dev/{id}/state    retained {"online":true,"at":...}; last will {"online":false}
                  dx/v1/dev/{id}/cmd      valve commands (JSON ValveCommand), answered on .../cmd/ack
                CoAP devices (--coap-plots) each serve coaps://HOST:PORT/telemetry (observable SenML,
                content-format 110) and, on valves, /valve (GET state; POST/PUT a command -> ack),
                over DTLS with a pre-shared key of their own from --coap-psk; a client with another
                identity or key gets no answer at all. Plain coap:// only with --coap-insecure.

                Time: --speed accelerates only the field (water balance, rain, valve run times);
                reports still go out every --interval of real time, and every reading, ack and
                state is stamped with the WALL CLOCK, so receivers never see readings from the
                future. Run times of valve commands are field time (equal to wall time at speed 1).

                Options (defaults in brackets):
                  --broker URL             field MQTT broker [tcp://127.0.0.1:1883]
                  --plots LIST             plots as id:crop:area-ha[:valve-flow-l/min], comma-separated;
                                           crop is rice or vegetable; the valve flow defaults to the
                                           per-hectare flow of --field x area [%s]
                  --plots-count N          instead of --plots: N plots PREFIX01.. alternating rice (%s ha)
                                           and vegetable (%s ha)
                  --plot-prefix PREFIX     id prefix for --plots-count [p]
                  --interval DURATION      real time between reports of a device [5s]
                  --speed X                field time runs X times faster than real time, e.g. 60 =
                                           one field hour per real minute [1]
                  --seed N                 seed of weather, start states, noise and timing [42]
                  --duration DURATION      stop after this much real time [run until stopped]
                  --coap-plots LIST        plots whose devices speak CoAP instead of MQTT [none]
                  --coap-host HOST         address the CoAP devices bind to [127.0.0.1]
                  --coap-port N            UDP port of the first CoAP device, the next ones count up
                                           [0 = a free port each]
                  --coap-psk FILE          DTLS pre-shared keys of the CoAP devices, one line each:
                                           DEVICE-ID IDENTITY KEY-HEX; devices missing from FILE get a
                                           random key added (FILE is created owner-only if absent)
                  --coap-insecure          serve plain coap:// without DTLS (old tests, benchmarks)
                  --record FILE            append every reading the broker (or a CoAP observer)
                                           acknowledged, one JSON line {"dev","metric","t","v"}:
                                           t epoch ms, v in the metric's contract unit [off]
                  --fault SPEC             inject a fault (repeatable, or comma-separated):
                                           KIND:DEVICE@AFTER[+LASTING][=MAGNITUDE], AFTER counted in
                                           real time from the start, LASTING forever if omitted:
                                             silent  the device stops reporting
                                             stuck   it repeats the value it had when the fault began
                                             spike   one report is off by MAGNITUDE
                                             jump    every report is off by MAGNITUDE
                                             drop    its connection breaks without a goodbye (the
                                                     broker publishes its last will); back after LASTING
                                           e.g. silent:p01-wl@30s  stuck:p02-sm@1m+5m  drop:p01-valve@10s+20s
                  --noise LIST             sensor noise sigma: water_level=CM,soil_moisture=M3M3,
                                           flow=FRACTION-OF-FLOW [water_level=%s,soil_moisture=%s,flow=%s]
                  --max-run DURATION       valves refuse OPEN commands with a longer run time [%s]
                  --connect-timeout DURATION  wait this long for the broker [10s]
                  --credentials FILE       device passwords for a secured field broker, one line
                                           DEVICE-ID=PASSWORD each; user name dev-DEVICE-ID [anonymous]
                  --tls-ca FILE            CA certificate(s) (PEM) an ssl:// --broker must chain to
                                           [the JVM's trust store]
                  --field LIST             physical parameters as key=value, comma-separated:
                %s\

                Load mode (--load): instead of the devices above, many gateways forward the readings
                of many thousand devices to the cloud broker as uplink batches, exactly as the edge
                agent sends them: topic dx/v1/coop/{coop}/gw/{gw}/telemetry, the contract's uplink
                envelope, sequence numbers from 1 per gateway, QoS 1, sent time stamped at publish.
                Gateways are gw001.., their devices gw001-n0001..; values come from the field model
                above (each device on a plot of its own). Prints the rate every 5 s and a summary.
                Takes --broker, --seed, --duration, --field, --noise, --connect-timeout and:
                  --load                   run the load mode
                  --coop ID                the gateways' cooperative [%s]
                  --gateways N             gateways [%d]
                  --devices-per-gateway N  devices behind each gateway [%d]
                  --metrics LIST           what every device reports, comma-separated wire names
                                           [%s]
                  --batch N                readings per uplink batch [%d]
                  --rate N                 target readings/s over all gateways, or unlimited [unlimited]
                  --clients N              MQTT connections, each publishing a share of the gateways [%d]
                  --in-flight N            unacknowledged publishes per connection [%d]

                  -h, --help               print this help and exit

                Durations: 200ms, 5s, 2m, 1h, 3d (a bare number is seconds).
                Exit codes: 0 done, 1 could not start (e.g. broker unreachable), 2 bad options.
                SIGTERM or Ctrl-C stops cleanly: every MQTT device publishes its offline state.
                """.formatted(
                        DEFAULT_PLOTS,
                        number(SimulationConfig.DEFAULT_RICE_AREA_HA),
                        number(SimulationConfig.DEFAULT_VEGETABLE_AREA_HA),
                        number(s.waterLevelSigmaCm()),
                        number(s.soilMoistureSigma()),
                        number(s.flowSigmaFraction()),
                        Durations.format(ValveParameters.defaults().maxRunTime()),
                        keys,
                        LoadConfig.DEFAULT_COOPERATIVE,
                        LoadConfig.DEFAULT_GATEWAYS,
                        LoadConfig.DEFAULT_DEVICES_PER_GATEWAY,
                        String.join(
                                ",",
                                LoadConfig.DEFAULT_METRICS.stream()
                                        .map(Metric::wireName)
                                        .toList()),
                        LoadConfig.DEFAULT_BATCH,
                        LoadConfig.DEFAULT_CLIENTS,
                        LoadConfig.DEFAULT_IN_FLIGHT);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** @throws UsageException naming the option that is wrong */
    public static Options parse(String... args) throws UsageException {
        var b = SimulationConfig.builder();
        String plots = null;
        Integer plotsCount = null;
        String prefix = "p";
        Duration runFor = null;
        Set<String> coapPlots = new LinkedHashSet<>();
        List<Fault> faults = new ArrayList<>();
        FieldParameters field = FieldParameters.defaults();
        SensorParameters sensors = SensorParameters.defaults();
        ValveParameters valve = ValveParameters.defaults();
        var load = LoadConfig.builder();
        boolean loadMode = false;
        boolean coapInsecure = false;
        Path coapPsk = null;
        Set<String> given = new LinkedHashSet<>();
        Path credentialsFile = null;
        Path tlsCa = null;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                return new Options(null, null, true, null);
            }
            if (!arg.startsWith("--")) throw new UsageException("unexpected argument '" + arg + "'");
            if (arg.equals("--load")) {
                if (value != null) throw new UsageException("--load takes no value");
                loadMode = true;
                continue;
            }
            if (arg.equals("--coap-insecure")) {
                if (value != null) throw new UsageException("--coap-insecure takes no value");
                given.add(arg);
                coapInsecure = true;
                continue;
            }
            given.add(arg);
            if (value == null) {
                if (i + 1 >= args.length) throw new UsageException(arg + " needs a value");
                value = args[++i];
            }
            try {
                switch (arg) {
                    case "--broker" -> {
                        b.broker(value);
                        load.broker(value);
                    }
                    case "--plots" -> plots = value;
                    case "--plots-count" -> plotsCount = integer(arg, value);
                    case "--plot-prefix" -> prefix = value;
                    case "--interval" -> b.interval(positive(arg, Durations.parse(value)));
                    case "--speed" -> b.speed(decimal(arg, value));
                    case "--seed" -> {
                        b.seed(longValue(arg, value));
                        load.seed(longValue(arg, value));
                    }
                    case "--duration" -> runFor = positive(arg, Durations.parse(value));
                    case "--coap-plots" -> coapPlots.addAll(list(value));
                    case "--coap-host" -> b.coapHost(value);
                    case "--coap-port" -> b.coapPort(integer(arg, value));
                    case "--coap-psk" -> coapPsk = Path.of(value);
                    case "--record" -> b.record(Path.of(value));
                    case "--fault" -> {
                        for (String spec : list(value)) faults.add(Fault.parse(spec));
                    }
                    case "--noise" -> sensors = noise(sensors, value);
                    case "--max-run" -> valve = new ValveParameters(Durations.parse(value), valve.rememberedCommands());
                    case "--connect-timeout" -> {
                        b.connectTimeout(positive(arg, Durations.parse(value)));
                        load.connectTimeout(positive(arg, Durations.parse(value)));
                    }
                    case "--credentials" -> credentialsFile = Path.of(value);
                    case "--tls-ca" -> tlsCa = Path.of(value);
                    case "--coop" -> load.cooperative(Ids.require("cooperative", value));
                    case "--gateways" -> load.gateways(integer(arg, value));
                    case "--devices-per-gateway" -> load.devicesPerGateway(integer(arg, value));
                    case "--metrics" -> load.metrics(metrics(value));
                    case "--batch" -> load.batchReadings(integer(arg, value));
                    case "--rate" -> load.readingsPerSecond(value.equals("unlimited") ? 0 : decimal(arg, value));
                    case "--clients" -> load.clients(integer(arg, value));
                    case "--in-flight" -> load.inFlight(integer(arg, value));
                    case "--field" -> {
                        for (String kv : list(value)) {
                            String[] parts = kv.split("=", 2);
                            if (parts.length != 2)
                                throw new UsageException("--field needs key=value, got '" + kv + "'");
                            field = FieldKeys.set(field, parts[0].trim(), decimal("--field " + parts[0], parts[1]));
                        }
                    }
                    default -> throw new UsageException("unknown option " + arg);
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException(arg + ": " + e.getMessage());
            }
        }
        for (String option : given) {
            if (loadMode && SIMULATION_ONLY.contains(option)) {
                throw new UsageException(option + " does not apply to the load mode (--load)");
            }
            if (!loadMode && LOAD_ONLY.contains(option)) throw new UsageException(option + " needs --load");
        }
        if (loadMode) {
            try {
                return new Options(
                        null,
                        runFor,
                        false,
                        load.duration(runFor).field(field).sensors(sensors).build());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (plots != null && plotsCount != null) {
            throw new UsageException("give either --plots or --plots-count, not both");
        }
        try {
            List<PlotSpec> specs;
            if (plotsCount != null) {
                Ids.require("plot prefix", prefix);
                specs = SimulationConfig.generatedPlots(prefix, plotsCount);
            } else {
                specs = new ArrayList<>();
                for (String p : list(plots == null ? DEFAULT_PLOTS : plots)) specs.add(PlotSpec.parse(p));
            }
            b.coapSecurity(coapSecurity(coapPsk, coapInsecure, specs, coapPlots));
            var config = b.plots(specs)
                    .coapPlots(coapPlots)
                    .faults(faults)
                    .field(field)
                    .sensors(sensors)
                    .valve(valve)
                    .mqttCredentials(DeviceCredentials.load(credentialsFile, tlsCa))
                    .build();
            return new Options(config, runFor, false, null);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * The CoAP devices' keys from {@code --coap-psk FILE}; devices the file lacks get a fresh
     * random key written back (owner-only), so a first run needs no hand-made file.
     */
    private static CoapSecurity coapSecurity(Path file, boolean insecure, List<PlotSpec> specs, Set<String> coapPlots)
            throws UsageException {
        if (file != null && insecure) throw new UsageException("give either --coap-psk or --coap-insecure, not both");
        if (insecure) return CoapSecurity.insecure();
        if (file == null) return null;
        if (coapPlots.isEmpty()) throw new UsageException("--coap-psk needs --coap-plots");
        try {
            var ids = SimulationConfig.coapDeviceIds(specs, coapPlots);
            return CoapSecurity.dtls(PskFile.ensure(file, ids, new SecureRandom()), file.toString());
        } catch (IOException e) {
            throw new UsageException("--coap-psk: cannot read or write " + file + ": " + e);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--coap-psk: " + e.getMessage());
        }
    }

    private static List<Metric> metrics(String value) throws UsageException {
        var out = new ArrayList<Metric>();
        for (String name : list(value)) {
            out.add(Metric.byWireName(name)
                    .orElseThrow(() -> new UsageException("--metrics: unknown metric '" + name + "'")));
        }
        return out;
    }

    private static SensorParameters noise(SensorParameters s, String value) throws UsageException {
        double wl = s.waterLevelSigmaCm();
        double sm = s.soilMoistureSigma();
        double flow = s.flowSigmaFraction();
        for (String kv : list(value)) {
            String[] parts = kv.split("=", 2);
            if (parts.length != 2) throw new UsageException("--noise needs metric=sigma, got '" + kv + "'");
            double sigma = decimal("--noise " + parts[0], parts[1]);
            switch (parts[0].trim()) {
                case "water_level" -> wl = sigma;
                case "soil_moisture" -> sm = sigma;
                case "flow" -> flow = sigma;
                default ->
                    throw new UsageException(
                            "--noise: unknown metric '" + parts[0] + "'; use water_level, soil_moisture or flow");
            }
        }
        return s.withNoise(wl, sm, flow);
    }

    private static List<String> list(String value) {
        var out = new ArrayList<String>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) out.add(part.trim());
        }
        return out;
    }

    private static Duration positive(String option, Duration d) throws UsageException {
        if (d.isZero()) throw new UsageException(option + " must be longer than 0");
        return d;
    }

    private static int integer(String option, String value) throws UsageException {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a whole number, got '" + value + "'");
        }
    }

    private static long longValue(String option, String value) throws UsageException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a whole number, got '" + value + "'");
        }
    }

    private static double decimal(String option, String value) throws UsageException {
        try {
            double d = Double.parseDouble(value.trim());
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number, got '" + value + "'");
        }
    }
}
