package dev.imcp.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded REST upstream: the OAI petstore ({@code GET/POST /pets}, {@code GET /pets/{petId}}) and
 * the adoption desk of {@code adoptions.mcp.json} ({@code GET /adoptions/quote/{petId}?plan=},
 * {@code POST /adoptions}), on an in-memory store seeded with three pets.
 *
 * <p>When a token is configured every request must carry {@code Authorization: Bearer <token>}, else
 * it gets 401: that is how the sample shows the adapter injecting outbound credentials.
 */
final class PetstoreService implements HttpService {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Adoption fees in euro cents by plan. */
    private static final Map<String, Long> FEES = Map.of("basic", 4_900L, "premium", 12_900L);

    private final String token;
    private final Map<Long, ObjectNode> pets = new ConcurrentSkipListMap<>();
    private final AtomicLong adoptions = new AtomicLong(1000);

    PetstoreService(String token) {
        this.token = token;
        for (Object[] seed : List.of(new Object[] {1L, "Rex", "dog"}, new Object[] {2L, "Tom", "cat"},
                new Object[] {3L, "Nemo", "fish"})) {
            ObjectNode pet = JSON.createObjectNode().put("id", (Long) seed[0]).put("name", (String) seed[1])
                    .put("tag", (String) seed[2]);
            pets.put((Long) seed[0], pet);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::authorize)
                .get("/pets", this::listPets)
                .post("/pets", this::createPet)
                .get("/pets/{petId}", this::showPet)
                .get("/adoptions/quote/{petId}", this::quote)
                .post("/adoptions", this::adopt);
    }

    private void authorize(ServerRequest req, ServerResponse res) {
        if (token == null) {
            res.next();
            return;
        }
        Optional<String> auth = req.headers().first(HeaderNames.AUTHORIZATION);
        if (auth.isPresent() && auth.get().equals("Bearer " + token)) {
            res.next();
        } else {
            send(res, Status.UNAUTHORIZED_401, error(401, "missing or wrong bearer token"));
        }
    }

    private void listPets(ServerRequest req, ServerResponse res) {
        int limit = req.query().first("limit").map(Integer::parseInt).orElse(100);
        send(res, Status.OK_200, JSON.valueToTree(pets.values().stream().limit(limit).toList()));
    }

    private void createPet(ServerRequest req, ServerResponse res) {
        JsonNode body = readJson(req.content().as(String.class));
        if (body == null || !body.path("id").canConvertToLong() || !body.path("name").isTextual()) {
            send(res, Status.BAD_REQUEST_400, error(400, "a pet needs an integer id and a name"));
            return;
        }
        pets.put(body.get("id").asLong(), (ObjectNode) body);
        res.status(Status.CREATED_201).send();
    }

    private void showPet(ServerRequest req, ServerResponse res) {
        Optional<ObjectNode> pet = petOf(req.path().pathParameters().get("petId"));
        if (pet.isPresent()) {
            send(res, Status.OK_200, pet.get());
        } else {
            send(res, Status.NOT_FOUND_404, error(404, "no pet with id " + req.path().pathParameters().get("petId")));
        }
    }

    private void quote(ServerRequest req, ServerResponse res) {
        Optional<ObjectNode> pet = petOf(req.path().pathParameters().get("petId"));
        String plan = req.query().first("plan").orElse("basic");
        if (pet.isEmpty() || !FEES.containsKey(plan)) {
            send(res, Status.NOT_FOUND_404, error(404, "no pet or plan to quote"));
            return;
        }
        send(res, Status.OK_200, JSON.createObjectNode().put("petId", pet.get().get("id").asLong())
                .put("petName", pet.get().get("name").asText()).put("plan", plan)
                .put("feeCents", FEES.get(plan)).put("currency", "EUR"));
    }

    private void adopt(ServerRequest req, ServerResponse res) {
        JsonNode body = readJson(req.content().as(String.class));
        Optional<ObjectNode> pet = body == null ? Optional.empty() : petOf(body.path("petId").asText());
        if (pet.isEmpty() || !body.path("adopter").isTextual()) {
            send(res, Status.BAD_REQUEST_400, error(400, "an adoption needs a known petId and an adopter"));
            return;
        }
        send(res, Status.OK_200, JSON.createObjectNode().put("adoptionId", adoptions.incrementAndGet())
                .put("petId", pet.get().get("id").asLong()).put("adopter", body.get("adopter").asText())
                .put("plan", body.path("plan").asText("basic"))
                .put("notifyByEmail", body.path("notifyByEmail").asBoolean(false))
                .put("status", "pending"));
    }

    private Optional<ObjectNode> petOf(String id) {
        try {
            return Optional.ofNullable(pets.get(Long.parseLong(id)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("code", code).put("message", message);
    }

    private static void send(ServerResponse res, Status status, JsonNode body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body.toString());
    }
}
