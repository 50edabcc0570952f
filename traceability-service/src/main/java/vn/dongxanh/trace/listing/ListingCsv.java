package vn.dongxanh.trace.listing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The feed as CSV (RFC 4180: CRLF line ends, fields quoted where needed by Apache Commons CSV),
 * one row per live lot under a header row. Certificates take one group of columns per scheme
 * (a spreadsheet or a marketplace import reads fixed columns): when a batch claims two of a
 * scheme, the one in force, else the one that ends last.
 */
final class ListingCsv {
    static final List<String> HEADER = List.of(
            "gtin",
            "lot",
            "product_name",
            "crop",
            "cooperative_id",
            "cooperative_name",
            "growing_area_code",
            "growing_area_code_status",
            "harvest_date",
            "quantity_kg",
            "trace_uri",
            "vietgap_number",
            "vietgap_valid_from",
            "vietgap_valid_to",
            "vietgap_status",
            "globalgap_number",
            "globalgap_valid_from",
            "globalgap_valid_to",
            "globalgap_status",
            "ocop_number",
            "ocop_stars",
            "ocop_valid_from",
            "ocop_valid_to",
            "ocop_status");

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().get();

    private ListingCsv() {}

    static CSVPrinter printer(Appendable out) throws IOException {
        CSVPrinter printer = new CSVPrinter(out, FORMAT);
        printer.printRecord(HEADER);
        return printer;
    }

    static void print(CSVPrinter printer, ListedLot lot) throws IOException {
        printer.printRecord(row(lot));
    }

    static List<String> row(ListedLot lot) {
        List<String> row = new ArrayList<>(HEADER.size());
        row.add(lot.gtin());
        row.add(lot.lot());
        row.add(lot.productName());
        row.add(lot.crop());
        row.add(lot.cooperativeId());
        row.add(lot.cooperativeName());
        row.add(lot.growingAreaCode());
        row.add(lot.growingAreaCodeStatus());
        row.add(lot.harvestDate().toString());
        row.add(lot.quantityKg().toPlainString());
        row.add(lot.traceUri());
        for (String scheme : List.of("VIETGAP", "GLOBALGAP", "OCOP")) {
            var c = lot.certificate(scheme);
            row.add(c.map(ListedLot.Certification::number).orElse(""));
            if (scheme.equals("OCOP")) {
                row.add(c.flatMap(ListedLot.Certification::stars)
                        .map(String::valueOf)
                        .orElse(""));
            }
            row.add(c.map(x -> x.validFrom().toString()).orElse(""));
            row.add(c.map(x -> x.validTo().toString()).orElse(""));
            row.add(c.map(ListedLot.Certification::status).orElse(""));
        }
        return row;
    }
}
