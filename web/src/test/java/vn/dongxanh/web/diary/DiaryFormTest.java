package vn.dongxanh.web.diary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.web.signin.SignedIn;

class DiaryFormTest {
    private static DiaryForm spraying(String phi, String cropDefault) {
        return new DiaryForm(
                "2026-07-01", "PESTICIDE", " Validacin 5L ", "", phi, cropDefault, "1,5 l", "", "", " ", "", "");
    }

    @Test
    void theBodyLeavesOutWhatIsBlankAndTrimsTheRest() {
        var body = spraying(" 7 ", null).toBody();
        assertThat(body)
                .containsEntry("date", "2026-07-01")
                .containsEntry("operation", "PESTICIDE")
                .containsEntry("productName", "Validacin 5L")
                .containsEntry("phiDays", 7)
                .containsEntry("dosePerHa", "1,5 l")
                .doesNotContainKeys("activeIngredients", "operator", "notes", "phiFromCropDefault");
    }

    @Test
    void theCropDefaultIsAskedForOnlyWhenTicked() {
        assertThat(spraying("", "true").toBody())
                .containsEntry("phiFromCropDefault", true)
                .doesNotContainKey("phiDays");
        assertThat(spraying("", "").cropDefault()).isFalse();
    }

    @Test
    void aPhiThatIsNoWholeNumberIsCaughtBeforeSending() {
        assertThatThrownBy(() -> spraying("7.5", null).toBody()).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void aRefusalIsWordedByItsRuleThenByItsStatusWithTheServicesDetail() {
        var phi = DiaryProblem.of(refusal(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "{\"rule\":\"phi-unknown\",\"detail\":\"the pre-harvest interval of X is unknown\"}"));
        assertThat(phi.key()).isEqualTo("diary.problem.phi-unknown");
        assertThat(phi.detail()).contains("pre-harvest interval");
        assertThat(phi.status().value()).isEqualTo(422);
        assertThat(DiaryProblem.of(refusal(HttpStatus.BAD_REQUEST, "{\"detail\":\"date and operation\"}"))
                        .key())
                .isEqualTo("diary.problem.invalid");
        assertThat(DiaryProblem.of(refusal(HttpStatus.FORBIDDEN, "not json")))
                .isEqualTo(new DiaryProblem("diary.problem.forbidden", null, HttpStatus.FORBIDDEN));
        assertThat(DiaryProblem.of(HttpServerErrorException.create(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "",
                        HttpHeaders.EMPTY,
                        "{\"detail\":\"ingest-service cannot be reached\"}".getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.UTF_8)))
                .isEqualTo(new DiaryProblem(
                        "diary.problem.failed", "ingest-service cannot be reached", HttpStatus.SERVICE_UNAVAILABLE));
        assertThat(DiaryProblem.of(new ResourceAccessException("down")))
                .isEqualTo(new DiaryProblem("diary.problem.unavailable", null, HttpStatus.SERVICE_UNAVAILABLE));
    }

    @Test
    void theFormsAreForThePlotsOwnCooperativesManagerAndOperators() {
        var plot = new DiaryApi.Plot("lua-1", "htx-a", "Ruộng 1", "rice");
        assertThat(DiaryController.writes(new SignedIn("m", "htx-a", Set.of(PlatformRole.COOP_OPERATOR)), plot))
                .isTrue();
        assertThat(DiaryController.writes(new SignedIn("m", "htx-b", Set.of(PlatformRole.COOP_MANAGER)), plot))
                .isFalse();
        assertThat(DiaryController.writes(new SignedIn("d", "so-nnmt", Set.of(PlatformRole.DEPARTMENT_OFFICER)), plot))
                .isFalse();
    }

    private static HttpClientErrorException refusal(HttpStatus status, String body) {
        return HttpClientErrorException.create(
                status,
                status.getReasonPhrase(),
                HttpHeaders.EMPTY,
                body.getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8);
    }
}
