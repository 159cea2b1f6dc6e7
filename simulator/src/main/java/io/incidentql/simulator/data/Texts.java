package io.incidentql.simulator.data;

import java.util.SplittableRandom;

/**
 * Pools of text the generator draws from: plain English next to accents, CJK, Cyrillic, Greek,
 * emoji (including surrogate pairs and ZWJ sequences), quotes, backslashes, tabs and newlines,
 * so that every layer a value passes through has to escape and decode it properly.
 *
 * <p>A {@code {n}} in a template is replaced by a number drawn with the row.
 */
final class Texts {
  static final String[] ALERT_TITLES = {
    "*errors.withMessage: PG::Error failed to connect",
    "CPU on the payments service has exceeded 75 percent for 5 minutes",
    "Disk usage above 90% on db-primary-{n}",
    "🔥 Checkout latency p99 above 2s",
    "Zahlungsdienst antwortet nicht (Fehler \"503\")",
    "Échec de la réplication — région eu-west-{n}",
    "決済サービスの応答遅延 ({n} ms)",
    "Queue depth > 10k on \"orders\" consumer",
    "Backup path C:\\backups\\nightly is not writable",
    "Health check failed:\nGET /healthz returned 500",
    "Ошибка соединения с базой данных",
    "Certificate for *.example.com expires in {n} days",
    "Memory leak suspected in worker-{n} 🐛",
    "Κατάρρευση υπηρεσίας αναζήτησης",
    "Error rate\tabove\tthreshold on api-gateway",
    "Deploy pipeline stuck on step 'migrate'",
    "👩🏽‍💻 On-call escalation test #{n}",
    "Kafka consumer lag on topic `payments.v{n}`",
    "HTTP 5xx ratio 12% on /v2/checkout?region=eu&tier=gold",
    "Pod OOMKilled: search-indexer-{n}",
  };

  static final String[] ALERT_DESCRIPTIONS = {
    "CPU on the payments service has exceeded 75 percent for 5 minutes",
    "Triggered by monitor #{n}.\nThreshold: 90%\nCurrent: 97.3%",
    "Le service ne répond plus depuis {n} minutes. Vérifiez l'équilibreur de charge.",
    "See runbook: \"Database failover\" (section 2.{n})",
    "Path was C:\\data\\{n}\\export.csv",
    "接続プールが枯渇しました。再試行してください。",
    "Alert payload contained emoji 🚨🚨 and a trailing backslash \\",
    "",
    "Multiple lines:\r\nline two\r\nline three",
    "Severity: high; owner: team-платежи",
  };

  static final String[] INCIDENT_NAMES = {
    "Our database is sad",
    "Payments failing for 🇪🇺 customers",
    "Login page shows \"500 Internal Server Error\"",
    "Erreur de facturation — clients affectés",
    "検索が遅い (search is slow)",
    "Backslash \\ in config broke deploy #{n}",
    "Webhooks delayed by {n} minutes",
    "Zoë's dashboard shows stale data",
    "Отказ платёжного шлюза",
    "API latency spike in us-east-{n}",
    "Mobile app 📱 crashes on start",
    "Data export job stuck\n(second attempt)",
    "Certificate expired on *.example.com",
    "Σφάλμα συγχρονισμού καταλόγου",
    "Emails not sent: queue 'outbound' blocked",
  };

  static final String[] INCIDENT_SUMMARIES = {
    "Our database is really really sad, and we don't know why yet.",
    "Customers in the EU see **failed payments** at checkout. Rollback of release {n} in progress.",
    "Le déploiement {n} a introduit une régression dans la facturation.",
    "顧客の一部で検索結果が表示されません。",
    "Root cause: a config value containing a backslash (\\) was not escaped.\n\n"
        + "Follow-up tracked separately.",
    "Impact: ~{n}% of requests time out. Mitigation: \"scale out\" the API tier.",
    "🚒 Status page updated. Next update in 30 minutes.",
    "Tab\tseparated notes\tfrom the responder",
  };

  static final String[] UPDATE_MESSAGES = {
    "We're working on a fix, hoping to ship in the next 30 minutes",
    "Rolled back to release {n}; error rate is recovering.",
    "Nous surveillons la situation. Prochaine mise à jour dans 15 minutes.",
    "原因を特定しました。修正を適用中です。",
    "Customer comms sent via \"status page\" ✅",
    "Escalated to the database team.\nPaging the secondary on-call.",
    "Config path D:\\deploy\\{n} was wrong",
    "Всё работает, закрываем инцидент.",
    "Monitoring for another hour 🕐",
  };

  static final String[] CUSTOM_TEXT_VALUES = {
    "This is my text field, I hope you like it",
    "Affects checkout only; \"guest\" users unaffected",
    "Kunden in Österreich und der Schweiz betroffen",
    "複数の地域に影響",
    "Line one\nLine two",
  };

  static final String[] INCIDENT_SLUGS = {
    "green-parrot", "blue-heron", "red-panda", "amber-owl", "silver-fox", "violet-eel",
  };

  private Texts() {}

  static String pick(SplittableRandom random, String[] pool) {
    return fill(pool[random.nextInt(pool.length)], random);
  }

  static String fill(String template, SplittableRandom random) {
    int at = template.indexOf("{n}");
    if (at < 0) {
      return template;
    }
    return template.substring(0, at) + (1 + random.nextInt(99)) + template.substring(at + 3);
  }
}
