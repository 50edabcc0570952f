package vn.dongxanh.trace.diary;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.trace.security.LocalUsers;

/** The cooperative writes its plots' farming diary. */
@RestController
public class DiaryController {
    private final DiaryService diary;
    private final LocalUsers users;

    public DiaryController(DiaryService diary, LocalUsers users) {
        this.diary = diary;
        this.users = users;
    }

    @PostMapping("/api/plots/{plotId}/diary")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('COOPERATIVE')")
    public Map<String, Object> add(
            @PathVariable String plotId, @RequestBody DiaryService.NewEntry entry, Authentication auth) {
        return diary.add(users.actor(auth), plotId, entry);
    }
}
