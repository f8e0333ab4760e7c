<div class="acp-page-container bonus-admin bonus-admin-operations" data-bonus-page="admin-operations">
  <h1 class="fs-4 mb-3">[[bonus:operations.title]]</h1>

  <form id="bonus-operation-form" class="card mb-4" data-operation-key="{operationKey}">
    <div class="card-body row g-3">
      <div class="col-12">
        <label class="form-label" for="bonus-op-usernames">[[bonus:operations.usernames]]</label>
        <textarea class="form-control" id="bonus-op-usernames" name="usernames" rows="2" required aria-describedby="bonus-op-usernames-help"></textarea>
        <div id="bonus-op-usernames-help" class="form-text">[[bonus:operations.usernames-help]]</div>
      </div>
      <div class="col-6 col-md-3">
        <label class="form-label" for="bonus-op-direction">[[bonus:operations.direction]]</label>
        <select class="form-select" id="bonus-op-direction" name="direction">
          <option value="award">[[bonus:operations.award]]</option>
          <option value="deduct">[[bonus:operations.deduct]]</option>
        </select>
      </div>
      <div class="col-6 col-md-3">
        <label class="form-label" for="bonus-op-amount">[[bonus:operations.amount]]</label>
        <input class="form-control" type="number" min="1" step="1" id="bonus-op-amount" name="amount" required>
      </div>
      <div class="col-12 col-md-6">
        <label class="form-label" for="bonus-op-reason">[[bonus:operations.reason]]</label>
        <select class="form-select" id="bonus-op-reason" name="reason">
          {{{ each reasons }}}<option value="{./value}">{./text}</option>{{{ end }}}
        </select>
      </div>
      <div class="col-12">
        <label class="form-label" for="bonus-op-comment">[[bonus:operations.comment]]</label>
        <input class="form-control" type="text" maxlength="1000" id="bonus-op-comment" name="comment">
      </div>
      <div class="col-12 d-flex align-items-center gap-3">
        <button type="submit" class="btn btn-primary">[[bonus:operations.submit]]</button>
        <span class="text-secondary small">{publishModeText}{{{ if topicUrl }}} · <a href="{topicUrl}">[[bonus:operations.topic-link]]</a>{{{ else }}} · [[bonus:operations.no-topic]]{{{ end }}}</span>
      </div>
    </div>
  </form>

  <section class="mb-4" aria-labelledby="bonus-op-recent">
    <h2 id="bonus-op-recent" class="fs-5">[[bonus:operations.recent]]</h2>
    {{{ if hasRecent }}}
    <table class="table table-sm">
      <thead><tr><th scope="col">[[bonus:points.col.date]]</th><th scope="col" class="text-end">[[bonus:points.col.amount]]</th><th scope="col">[[bonus:operations.members]]</th><th scope="col">[[bonus:points.col.reason]]</th></tr></thead>
      <tbody>
        {{{ each recent }}}
        <tr><td class="text-nowrap">{./date}</td><td class="text-end fw-bold {{{ if ./positive }}}text-success{{{ else }}}text-danger{{{ end }}}">{./amountText}</td><td>{./members}</td><td>{./reasonText}{{{ if ./comment }}}<div class="text-secondary small">{./comment}</div>{{{ end }}}</td></tr>
        {{{ end }}}
      </tbody>
    </table>
    {{{ else }}}
    <p class="text-secondary">[[bonus:operations.none]]</p>
    {{{ end }}}
  </section>

  <section aria-labelledby="bonus-op-reconcile">
    <h2 id="bonus-op-reconcile" class="fs-5">[[bonus:reconcile.title]]</h2>
    {{{ if reconcile }}}
    <p class="{{{ if reconcile.ok }}}text-success{{{ else }}}text-danger{{{ end }}}">[[bonus:reconcile.summary, {reconcile.date}, {reconcile.members}, {reconcile.repaired}, {reconcile.damaged}, {reconcile.recovered}]]</p>
    {{{ if !reconcile.ok }}}
    <ul>
      {{{ each reconcile.damage }}}<li>{./problemText} · [[bonus:reconcile.entry, {./entryId}, {./uid}]] {./key}</li>{{{ end }}}
    </ul>
    {{{ end }}}
    {{{ else }}}
    <p class="text-secondary">[[bonus:reconcile.never]]</p>
    {{{ end }}}
    <button type="button" class="btn btn-outline-secondary btn-sm" data-action="reconcile">[[bonus:reconcile.run]]</button>
  </section>
</div>
