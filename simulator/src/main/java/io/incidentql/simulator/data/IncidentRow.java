package io.incidentql.simulator.data;

/**
 * Compact row of one incident: the fields the API filters and sorts on (status, severity, type,
 * mode, times, role assignees, select custom field values) plus a seed from which
 * {@link IncidentJson} derives the rest.
 *
 * <p>Indexes point into the {@link Catalog}; -1 means absent. The arrays are owned by the row
 * and never handed out.
 */
public final class IncidentRow {
  /** Creator kinds, matching the properties of {@code ActorV2}. */
  public static final int CREATOR_USER = 0;
  public static final int CREATOR_API_KEY = 1;
  public static final int CREATOR_WORKFLOW = 2;
  public static final int CREATOR_ALERT = 3;

  private final String id;
  private final int externalId;
  private final long createdMicros;
  private final long updatedMicros;
  private final int statusIndex;
  private final int severityIndex;
  private final int typeIndex;
  private final String mode;
  private final String visibility;
  private final int[] assignees;
  private final int[][] customFieldValues;
  private final int creatorKind;
  private final int creatorIndex;
  private final long renderSeed;

  /**
   * @param assignees per catalog role, the index of the assigned user, or -1 when the role is
   *     unassigned; null when the incident has no role assignments at all
   * @param customFieldValues per catalog custom field, the indexes of the chosen values (empty
   *     for free-form fields, whose values are derived from the seed); null when the incident has
   *     no custom field entries at all
   */
  IncidentRow(String id, int externalId, long createdMicros, long updatedMicros, int statusIndex,
      int severityIndex, int typeIndex, String mode, String visibility, int[] assignees,
      int[][] customFieldValues, int creatorKind, int creatorIndex, long renderSeed) {
    this.id = id;
    this.externalId = externalId;
    this.createdMicros = createdMicros;
    this.updatedMicros = updatedMicros;
    this.statusIndex = statusIndex;
    this.severityIndex = severityIndex;
    this.typeIndex = typeIndex;
    this.mode = mode;
    this.visibility = visibility;
    this.assignees = assignees;
    this.customFieldValues = customFieldValues;
    this.creatorKind = creatorKind;
    this.creatorIndex = creatorIndex;
    this.renderSeed = renderSeed;
  }

  IncidentRow withExternalId(int newExternalId) {
    return new IncidentRow(id, newExternalId, createdMicros, updatedMicros, statusIndex,
        severityIndex, typeIndex, mode, visibility, assignees, customFieldValues, creatorKind,
        creatorIndex, renderSeed);
  }

  public String id() {
    return id;
  }

  public int externalId() {
    return externalId;
  }

  public long createdMicros() {
    return createdMicros;
  }

  public long updatedMicros() {
    return updatedMicros;
  }

  public int statusIndex() {
    return statusIndex;
  }

  public int severityIndex() {
    return severityIndex;
  }

  public int typeIndex() {
    return typeIndex;
  }

  public String mode() {
    return mode;
  }

  public String visibility() {
    return visibility;
  }

  public int creatorKind() {
    return creatorKind;
  }

  public int creatorIndex() {
    return creatorIndex;
  }

  public long renderSeed() {
    return renderSeed;
  }

  /** Tells whether the incident has any role assignment entries. */
  public boolean hasRoleAssignments() {
    return assignees != null;
  }

  /** The user assigned to role {@code roleIndex}, or -1 when none is. */
  public int assigneeOf(int roleIndex) {
    return assignees == null ? -1 : assignees[roleIndex];
  }

  /** Tells whether the incident has any custom field entries. */
  public boolean hasCustomFieldEntries() {
    return customFieldValues != null;
  }

  /** Number of values chosen for select field {@code fieldIndex}. */
  public int valueCount(int fieldIndex) {
    return customFieldValues == null ? 0 : customFieldValues[fieldIndex].length;
  }

  /** The {@code n}-th value index chosen for select field {@code fieldIndex}. */
  public int valueAt(int fieldIndex, int n) {
    return customFieldValues[fieldIndex][n];
  }
}
