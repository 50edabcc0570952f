package vn.dongxanh.trace.epcis;

import java.util.Set;

/** Fixed names of GS1 EPCIS 2.0 and CBV 2.0 that the platform uses (DOMAIN.md §8). */
public final class Epcis {
    private Epcis() {}

    public static final String CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
    /** Namespace of our extension fields (e.g. the growing-area code of a location). */
    public static final String DX_PREFIX = "dx";

    public static final String DX_NAMESPACE = "https://ns.dongxanh.vn/epcis/";

    public static final Set<String> EVENT_TYPES =
            Set.of("ObjectEvent", "AggregationEvent", "TransformationEvent", "TransactionEvent", "AssociationEvent");
    public static final Set<String> ACTIONS = Set.of("ADD", "OBSERVE", "DELETE");

    /** CBV 2.0 business steps (bare names; the URI form https://ref.gs1.org/cbv/BizStep-x is also accepted). */
    public static final Set<String> BIZ_STEPS = Set.of(
            "accepting",
            "arriving",
            "assembling",
            "collecting",
            "commissioning",
            "consigning",
            "creating_class_instance",
            "cycle_counting",
            "decommissioning",
            "departing",
            "destroying",
            "disassembling",
            "dispensing",
            "encoding",
            "entering_exiting",
            "holding",
            "inspecting",
            "installing",
            "killing",
            "loading",
            "other",
            "packing",
            "picking",
            "receiving",
            "removing",
            "repackaging",
            "repairing",
            "replacing",
            "reserving",
            "retail_selling",
            "sampling",
            "sensor_reporting",
            "shipping",
            "staging_outbound",
            "stock_taking",
            "stocking",
            "storing",
            "transporting",
            "unloading",
            "unpacking",
            "void_shipping");

    /** CBV 2.0 dispositions (bare names; the URI form https://ref.gs1.org/cbv/Disp-x is also accepted). */
    public static final Set<String> DISPOSITIONS = Set.of(
            "active",
            "available",
            "completeness_inferred",
            "completeness_verified",
            "conformant",
            "container_closed",
            "container_open",
            "damaged",
            "destroyed",
            "dispensed",
            "disposed",
            "encoded",
            "expired",
            "in_progress",
            "in_transit",
            "inactive",
            "mismatch_class",
            "mismatch_instance",
            "mismatch_quantity",
            "needs_replacement",
            "no_pedigree_match",
            "non_conformant",
            "non_sellable_other",
            "partially_dispensed",
            "recalled",
            "reserved",
            "retail_sold",
            "returned",
            "sellable_accessible",
            "sellable_not_accessible",
            "stolen",
            "unavailable",
            "unknown");

    /** Where identifiers (EPCs and EPC classes) sit in an event. */
    public static final Set<String> EPC_LISTS = Set.of("epcList", "inputEPCList", "outputEPCList", "childEPCs");

    public static final Set<String> QUANTITY_LISTS =
            Set.of("quantityList", "inputQuantityList", "outputQuantityList", "childQuantityList");

    public static String bareBizStep(String bizStep) {
        String prefix = "https://ref.gs1.org/cbv/BizStep-";
        return bizStep.startsWith(prefix) ? bizStep.substring(prefix.length()) : bizStep;
    }
}
