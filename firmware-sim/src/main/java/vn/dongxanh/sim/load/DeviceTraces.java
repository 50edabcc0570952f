package vn.dongxanh.sim.load;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.sim.Seeds;
import vn.dongxanh.sim.device.SensorParameters;
import vn.dongxanh.sim.field.FieldParameters;
import vn.dongxanh.sim.field.PaddyField;
import vn.dongxanh.sim.field.SoilPlot;
import vn.dongxanh.sim.field.Weather;

/**
 * What each device of the load reports, round after round, computed once at start from the
 * simulator's field model so that publishing only copies bytes. Every device stands on a plot of
 * its own with a paddy water balance and a root-zone soil moisture, under its gateway's weather,
 * with an inlet valve that opens when the water runs low; its sensors add their noise and
 * resolution, its battery drains and its signal fades (weaker while it rains). {@link #STEPS} steps
 * of {@link #STEP} of field time are played forwards, then backwards, so the values never jump when
 * the cycle starts again.
 *
 * <p>Values are kept as indexes into one dictionary per metric of the values' SenML text, as
 * the contract's codec writes them.
 */
final class DeviceTraces {
    static final int STEPS = 32;
    static final Duration STEP = Duration.ofMinutes(30);
    private static final Duration SUB_STEP = Duration.ofMinutes(5);
    private static final int SUBS = (int) (STEP.toNanos() / SUB_STEP.toNanos());
    private static final int PERIOD = 2 * STEPS - 2;

    private final List<Metric> metrics;
    private final Dictionary[] dictionaries;
    /** Per gateway: code of device d, metric m, step i at [(d * metrics + m) * STEPS + i]. */
    private final int[][] codes;

    private DeviceTraces(List<Metric> metrics, Dictionary[] dictionaries, int[][] codes) {
        this.metrics = metrics;
        this.dictionaries = dictionaries;
        this.codes = codes;
    }

    static DeviceTraces of(LoadConfig config) {
        List<Metric> metrics = config.metrics();
        var dictionaries = new Dictionary[metrics.size()];
        for (int m = 0; m < dictionaries.length; m++) dictionaries[m] = new Dictionary(metrics.get(m));
        int[][] codes = new int[config.gateways()][];
        for (int g = 0; g < config.gateways(); g++) {
            codes[g] = gateway(config, g, dictionaries);
        }
        return new DeviceTraces(metrics, dictionaries, codes);
    }

    /** The step a round reports: 0, 1, … STEPS-1, STEPS-2, … 1, 0, 1, … */
    static int step(long round) {
        int i = (int) (round % PERIOD);
        return i < STEPS ? i : PERIOD - i;
    }

    /** The value of series {@code series} (device × metrics + metric) of a gateway in a round, contract unit. */
    double value(int gateway, int series, long round) {
        return dictionaries[series % metrics.size()].value(code(gateway, series, round));
    }

    /** The same value as the codec writes it (a SenML "v" number or a "vb" boolean). */
    byte[] text(int gateway, int series, long round) {
        return dictionaries[series % metrics.size()].text(code(gateway, series, round));
    }

    private int code(int gateway, int series, long round) {
        return codes[gateway][series * STEPS + step(round)];
    }

    private static int[] gateway(LoadConfig config, int g, Dictionary[] dictionaries) {
        FieldParameters fp = config.field();
        SensorParameters sensors = config.sensors();
        List<Metric> metrics = config.metrics();
        Instant start = Instant.EPOCH;
        var weather = new Weather(fp.rain(), Seeds.derive(config.seed(), "load-weather:" + g), start);
        double[] rain = new double[STEPS * SUBS];
        for (int i = 0; i < rain.length; i++) {
            rain[i] = weather.rainMm(start.plus(SUB_STEP.multipliedBy(i)), start.plus(SUB_STEP.multipliedBy(i + 1)));
        }
        int devices = config.devicesPerGateway();
        int[] out = new int[devices * metrics.size() * STEPS];
        for (int d = 0; d < devices; d++) {
            var device = new Device(config, g, d);
            for (int i = 0; i < STEPS; i++) {
                device.step(rain, i);
                for (int m = 0; m < metrics.size(); m++) {
                    double v = device.read(metrics.get(m), i);
                    out[(d * metrics.size() + m) * STEPS + i] = dictionaries[m].code(v);
                }
            }
        }
        return out;
    }

    /** One device's plot and sensors. */
    private static final class Device {
        private final FieldParameters fp;
        private final SensorParameters sensors;
        private final SplittableRandom random;
        private final PaddyField paddy;
        private final SoilPlot soil;
        private final double batteryStart;
        private final double signalMeanDbm;
        private double rainStepMm;
        private double rainUncountedMm;

        Device(LoadConfig config, int g, int d) {
            this.fp = config.field();
            this.sensors = config.sensors();
            this.random = new SplittableRandom(Seeds.derive(config.seed(), "load-device:" + LoadConfig.deviceId(g, d)));
            var p = fp.paddy();
            var s = fp.soil();
            this.paddy = new PaddyField(
                    p, 1.0, p.valveFlowLpmPerHa(), p.initialLevelCm() + random.nextDouble(-1, 1) * p.initialSpreadCm());
            this.soil = new SoilPlot(
                    s, 1.0, s.valveFlowLpmPerHa(), s.initialMoisture() + random.nextDouble(-1, 1) * s.initialSpread());
            this.batteryStart =
                    sensors.batteryStartMinPercent() + random.nextDouble() * (100 - sensors.batteryStartMinPercent());
            var radio = sensors.radio();
            this.signalMeanDbm = radio.minDbm() + random.nextDouble() * (radio.maxDbm() - radio.minDbm());
        }

        void step(double[] rain, int i) {
            // the valves' rule: refill a paddy that dried below the surface, water dry soil
            if (paddy.waterLevelCm() < -5) paddy.setValveOpen(true);
            if (paddy.waterLevelCm() > 5) paddy.setValveOpen(false);
            var s = fp.soil();
            if (soil.moisture() < (s.wiltingPoint() + s.fieldCapacity()) / 2) soil.setValveOpen(true);
            if (soil.moisture() > s.fieldCapacity()) soil.setValveOpen(false);
            rainStepMm = 0;
            for (int k = 0; k < SUBS; k++) {
                double mm = rain[i * SUBS + k];
                paddy.step(SUB_STEP, mm);
                soil.step(SUB_STEP, mm);
                rainStepMm += mm;
            }
        }

        double read(Metric metric, int i) {
            double v = switch (metric) {
                case WATER_LEVEL ->
                    SensorParameters.round(
                            Math.clamp(
                                    paddy.waterLevelCm() + gaussian(sensors.waterLevelSigmaCm()),
                                    fp.paddy().floorCm(),
                                    fp.paddy().bundHeightCm()),
                            sensors.waterLevelResolutionCm());
                case SOIL_MOISTURE ->
                    SensorParameters.round(
                            Math.clamp(soil.moisture() + gaussian(sensors.soilMoistureSigma()), 0, 1),
                            sensors.soilMoistureResolution());
                case RAIN -> tips();
                case FLOW ->
                    SensorParameters.round(
                            Math.max(0, paddy.flowLpm() * (1 + gaussian(sensors.flowSigmaFraction()))),
                            sensors.flowResolutionLpm());
                case VALVE, PUMP -> paddy.valveOpen() ? 1 : 0;
                case BATTERY ->
                    SensorParameters.round(
                            Math.max(
                                    0,
                                    batteryStart
                                            - sensors.batteryDrainPercentPerHour()
                                                    * (i + 1)
                                                    * STEP.toSeconds()
                                                    / 3600.0),
                            sensors.batteryResolutionPercent());
                case RSSI ->
                    sensors.radio().read(signalMeanDbm, gaussian(sensors.radio().sigmaDb()), rainStepMm > 0);
            };
            return v + 0.0; // no negative zero
        }

        /** The rain gauge's whole tips of this step; the rest waits for the next one. */
        private double tips() {
            double bucket = sensors.rainBucketMm();
            rainUncountedMm += rainStepMm;
            rainStepMm = 0;
            long tips = (long) Math.floor(rainUncountedMm / bucket + 1e-9);
            rainUncountedMm -= tips * bucket;
            return SensorParameters.round(tips * bucket, bucket);
        }

        private double gaussian(double sigma) {
            return sigma == 0 ? 0 : random.nextGaussian() * sigma;
        }
    }

    /** The distinct values of one metric and their SenML text; devices share them. */
    private static final class Dictionary {
        private final Metric metric;
        private final Map<Double, Integer> codes = new HashMap<>();
        private final List<Double> values = new ArrayList<>();
        private final List<byte[]> texts = new ArrayList<>();

        Dictionary(Metric metric) {
            this.metric = metric;
        }

        int code(double value) {
            return codes.computeIfAbsent(value, v -> {
                values.add(v);
                texts.add(format(metric, v));
                return values.size() - 1;
            });
        }

        double value(int code) {
            return values.get(code);
        }

        byte[] text(int code) {
            return texts.get(code);
        }

        /** As TelemetryCodec writes it: a plain decimal in the SenML unit, or true/false. */
        private static byte[] format(Metric metric, double value) {
            String text = metric.kind() == Metric.Kind.BOOLEAN
                    ? Boolean.toString(value != 0)
                    : BigDecimal.valueOf(metric.toSenml(value))
                            .stripTrailingZeros()
                            .toPlainString();
            return text.getBytes(StandardCharsets.US_ASCII);
        }
    }
}
