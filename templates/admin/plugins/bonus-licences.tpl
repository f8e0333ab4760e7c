<div class="acp-page-container bonus-admin" data-bonus-page="admin-licences">
  <h1 class="fs-4 mb-2">{{tx("bonus:licences.admin-title")}}</h1>
  <p class="text-secondary small">{{tx("bonus:licences.admin.intro")}}</p>

  <section class="mb-4" aria-labelledby="bonus-lic-search">
    <h2 class="fs-5" id="bonus-lic-search">{{tx("bonus:licences.admin.search")}}</h2>
    <form class="d-flex flex-wrap gap-2 mb-2" method="get" data-bonus="search-form">
      <label class="visually-hidden" for="bonus-lic-code">{{tx("bonus:licences.admin.search-label")}}</label>
      <input class="form-control font-monospace" style="max-width: 28rem;" type="search" id="bonus-lic-code" name="code" value="{query}" placeholder="{{tx("bonus:licences.code-placeholder")}}" spellcheck="false">
      <button class="btn btn-primary" type="submit">{{tx("bonus:licences.admin.search-button")}}</button>
    </form>
    {{{ if hasSearch }}}
    <div class="card card-body" data-bonus="search-result">
      {{{ if search.hasError }}}
      <p class="text-danger mb-0">{{tx(search.error)}}</p>
      {{{ else }}}
      <p class="mb-1"><code class="fs-6">{search.code}</code>
        {{{ if search.blacklisted }}}<span class="badge text-bg-danger ms-2">{{tx("bonus:licences.admin.blacklisted")}}</span>{{{ end }}}</p>
      <p class="small mb-2">{{{ if search.known }}}{{tx("bonus:licences.admin.known")}} <span class="text-break">{search.product}</span> · {{tx("bonus:licences.admin.seats", search.seats)}}{{{ if search.term }}} · {{tx(search.term)}}{{{ end }}}{{{ if search.expires }}} · {{tx("bonus:licences.expires")}} {search.expires}{{{ end }}}{{{ else }}}{{tx("bonus:licences.admin.not-in-registry")}}{{{ end }}}</p>
      <h3 class="fs-6">{{tx("bonus:licences.admin.holders")}}</h3>
      {{{ if search.hasHolders }}}
      <ul class="small" data-bonus="holders">
        {{{ if search.buyer }}}<li><a href="{search.buyer.url}">{search.buyer.name}</a> — <a href="{search.buyer.orderUrl}">{{tx("bonus:licences.source.order", search.buyer.orderId)}}</a></li>{{{ end }}}
        {{{ each search.holders }}}<li><a href="{./url}">{./name}</a> — {{tx("bonus:licences.source.hand")}}, {./at}</li>{{{ end }}}
      </ul>
      {{{ else }}}<p class="small text-secondary">{{tx("bonus:licences.admin.no-holders")}}</p>{{{ end }}}
      <h3 class="fs-6">{{tx("bonus:licences.admin.code-audit")}}</h3>
      {{{ if search.hasAudit }}}
      <ul class="small mb-0">
        {{{ each search.audit }}}<li>{./at} — <a href="{./member.url}">{./member.name}</a>: {{tx(./action)}} ({{tx(./source)}})</li>{{{ end }}}
      </ul>
      {{{ else }}}<p class="small text-secondary mb-0">{{tx("bonus:licences.admin.no-audit")}}</p>{{{ end }}}
      {{{ end }}}
    </div>
    {{{ end }}}
  </section>

  <section class="mb-4" aria-labelledby="bonus-lic-import">
    <h2 class="fs-5" id="bonus-lic-import">{{tx("bonus:licences.admin.import-title")}}</h2>
    <p class="small mb-2">{{tx(registryText)}} · {{tx(blacklistText)}}</p>
    <form class="card card-body" data-bonus="import-form" data-chunk="{chunk}">
      <p class="small text-secondary">{{tx("bonus:licences.admin.import-help")}}</p>
      <div class="row g-2">
        <div class="col-12 col-md-4">
          <label class="form-label" for="bonus-lic-list">{{tx("bonus:licences.admin.import-into")}}</label>
          <select class="form-select" id="bonus-lic-list">
            <option value="registry">{{tx("bonus:licences.admin.registry")}}</option>
            <option value="blacklist">{{tx("bonus:licences.admin.blacklist")}}</option>
          </select>
        </div>
        <div class="col-12 col-md-8">
          <label class="form-label" for="bonus-lic-file">{{tx("bonus:licences.admin.import-file")}}</label>
          <input class="form-control" type="file" id="bonus-lic-file" accept=".txt,.csv,text/plain,text/csv">
        </div>
        <div class="col-12">
          <label class="form-label" for="bonus-lic-text">{{tx("bonus:licences.admin.import-text")}}</label>
          <textarea class="form-control font-monospace" id="bonus-lic-text" rows="4" spellcheck="false"></textarea>
        </div>
        <div class="col-12"><button type="submit" class="btn btn-primary">{{tx("bonus:licences.admin.import")}}</button></div>
      </div>
      <div class="progress mt-2 d-none" role="progressbar" data-bonus="import-progress" aria-valuemin="0" aria-valuemax="100" aria-label="{{tx("bonus:licences.admin.import-title")}}"><div class="progress-bar" style="width: 0%"></div></div>
      <p class="small mt-2 mb-0" data-bonus="import-summary" aria-live="polite"></p>
      <ul class="small text-danger mb-0" data-bonus="import-report"></ul>
    </form>
  </section>

  <section class="mb-4" aria-labelledby="bonus-lic-cycling">
    <h2 class="fs-5" id="bonus-lic-cycling">{{tx("bonus:licences.admin.cycling")}}</h2>
    <p class="small text-secondary">{{tx(cyclingRule)}} <a href="{settingsUrl}">{{tx("bonus:admin.section.settings")}}</a></p>
    {{{ if hasCycling }}}
    <ul class="small" data-bonus="cycling">
      {{{ each cycling }}}<li>{./at} — <a href="{./url}">{./name}</a>: <a class="font-monospace" href="{./searchUrl}">{./code}</a></li>{{{ end }}}
    </ul>
    {{{ else }}}<p class="small text-secondary">{{tx("bonus:licences.admin.no-cycling")}}</p>{{{ end }}}
  </section>

  <section class="mb-4" aria-labelledby="bonus-lic-audit">
    <h2 class="fs-5" id="bonus-lic-audit">{{tx("bonus:licences.admin.audit")}}</h2>
    {{{ if hasAudit }}}
    <div class="table-responsive">
      <table class="table table-sm align-middle bonus-stack" data-bonus="audit">
        <thead><tr><th>{{tx("bonus:licences.admin.when")}}</th><th>{{tx("bonus:licences.admin.member")}}</th><th>{{tx("bonus:licences.admin.code")}}</th><th>{{tx("bonus:licences.admin.action")}}</th></tr></thead>
        <tbody>
          {{{ each audit }}}
          <tr>
            <td data-label="{{tx("bonus:licences.admin.when")}}">{./at}</td>
            <td data-label="{{tx("bonus:licences.admin.member")}}"><a href="{./member.url}">{./member.name}</a></td>
            <td data-label="{{tx("bonus:licences.admin.code")}}"><a class="font-monospace text-break" href="{./searchUrl}">{./code}</a></td>
            <td data-label="{{tx("bonus:licences.admin.action")}}">{{tx(./action)}} ({{tx(./source)}})</td>
          </tr>
          {{{ end }}}
        </tbody>
      </table>
    </div>
    {{{ else }}}<p class="small text-secondary">{{tx("bonus:licences.admin.no-audit")}}</p>{{{ end }}}
  </section>

  <section class="mb-4" aria-labelledby="bonus-lic-export">
    <h2 class="fs-5" id="bonus-lic-export">{{tx("bonus:licences.admin.export-title")}}</h2>
    <form class="d-flex flex-wrap gap-2" data-bonus="export-form">
      <label class="visually-hidden" for="bonus-lic-member">{{tx("bonus:licences.admin.export-label")}}</label>
      <input class="form-control" style="max-width: 20rem;" type="text" id="bonus-lic-member" required placeholder="{{tx("bonus:licences.admin.export-label")}}">
      <button class="btn btn-outline-primary" type="submit">{{tx("bonus:licences.admin.export")}}</button>
    </form>
  </section>
</div>
