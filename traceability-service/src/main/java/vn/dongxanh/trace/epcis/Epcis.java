package vn.dongxanh.trace.epcis;

import java.util.Set;
import vn.dongxanh.contract.epcis.Cbv;

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
    public static final Set<String> BIZ_STEPS = Set.copyOf(Cbv.BIZ_STEPS);

    /** CBV 2.0 dispositions (bare names; the URI form https://ref.gs1.org/cbv/Disp-x is also accepted). */
    public static final Set<String> DISPOSITIONS = Set.copyOf(Cbv.DISPOSITIONS);

    /** Where identifiers (EPCs and EPC classes) sit in an event. */
    public static final Set<String> EPC_LISTS = Set.of("epcList", "inputEPCList", "outputEPCList", "childEPCs");

    public static final Set<String> QUANTITY_LISTS =
            Set.of("quantityList", "inputQuantityList", "outputQuantityList", "childQuantityList");

    public static String bareBizStep(String bizStep) {
        String prefix = "https://ref.gs1.org/cbv/BizStep-";
        return bizStep.startsWith(prefix) ? bizStep.substring(prefix.length()) : bizStep;
    }
}
