<div class="bonus bonus-contest" data-bonus-page="contest" data-month="{month}">
  <h1 class="fs-3 mb-2">{{tx("bonus:events.contest-title")}} <span class="text-secondary fs-5" data-bonus="month">{monthText}</span></h1>
  <p class="text-secondary mb-2">{{tx("bonus:events.contest-intro")}}</p>
  <p class="mb-3"><span class="badge text-bg-secondary" data-bonus="phase">{{tx(phaseText)}}</span> <a class="ms-2 small" href="{drawUrl}">{{tx("bonus:events.draw-title")}}</a></p>

  {{{ if isOpen }}}
  <div class="alert alert-light border small" data-bonus="vote-rule">{{tx(voteRule)}} {{tx("bonus:events.vote-hidden")}}</div>
  {{{ end }}}
  {{{ if isJudging }}}
  <div class="alert alert-info" data-bonus="judging">{{tx("bonus:events.judging-note")}} {{tx(resultsDue)}}</div>
  {{{ end }}}

  {{{ if canEnter }}}
  <form class="card card-body mb-3" data-bonus="entry-form" novalidate>
    <h2 class="fs-5">{{tx("bonus:events.enter")}}</h2>
    <p class="small text-secondary mb-2">{{tx(entryPoints)}} {{tx("bonus:events.enter-help", maxKb)}}</p>
    <div class="row g-2 align-items-end">
      <div class="col-12 col-md-5">
        <input type="hidden" name="image" data-bonus="entry-image">
        <button type="button" class="btn btn-outline-secondary" data-bonus="entry-upload" data-max-kb="{maxKb}"><i class="fa fa-upload" aria-hidden="true"></i> {{tx("bonus:events.upload")}}</button>
        <img class="bonus-contest-preview d-none mt-2" alt="" data-bonus="entry-preview">
      </div>
      <div class="col-12 col-md-7">
        <label class="form-label" for="bonus-entry-caption">{{tx("bonus:events.caption")}}</label>
        <input class="form-control" id="bonus-entry-caption" name="caption" maxlength="300" required>
      </div>
      <div class="col-12"><button type="submit" class="btn btn-primary">{{tx("bonus:events.submit")}}</button></div>
    </div>
    <p class="mt-2 mb-0 small text-danger" role="alert" data-bonus="form-error"></p>
  </form>
  {{{ end }}}

  {{{ if hasMine }}}
  <section class="mb-3" data-bonus="my-entries">
    <h2 class="fs-5">{{tx("bonus:events.my-entries")}}</h2>
    <ul class="list-unstyled">
      {{{ each mine }}}
      <li class="mb-1"><span class="badge text-bg-light border me-1">{{tx(./statusText)}}</span> {./caption}{{{ if ./rejected }}} <span class="small text-secondary">— {./reason}</span>{{{ end }}}</li>
      {{{ end }}}
    </ul>
  </section>
  {{{ end }}}

  {{{ if isResults }}}
  <section class="mb-4" data-bonus="results">
    <h2 class="fs-5">{{tx("bonus:events.results")}} <span class="small text-secondary">{publishedText}</span></h2>
    <div class="row g-3">
      {{{ each places }}}
      <div class="col-12 col-sm-6 col-lg-4">
        <figure class="card h-100 mb-0" data-bonus="place" data-place="{./place}">
          <img class="card-img-top bonus-contest-photo" src="{./image}" alt="{./caption}" loading="lazy">
          <figcaption class="card-body">
            <div class="fw-semibold">{{tx(./prize)}}</div>
            <div>{./caption}</div>
            <div class="small text-secondary">{./member}</div>
          </figcaption>
        </figure>
      </div>
      {{{ end }}}
    </div>
    {{{ if audience }}}
    <p class="mt-3" data-bonus="audience"><i class="fa fa-heart text-danger" aria-hidden="true"></i> {{tx("bonus:events.audience")}}: <strong>{audience.caption}</strong> ({audience.member}, {{tx(audience.votes)}})</p>
    {{{ end }}}
  </section>
  {{{ end }}}

  <section class="mb-4" data-bonus="entries">
    <h2 class="fs-5">{{tx("bonus:events.entries")}}</h2>
    {{{ if hasEntries }}}
    {{{ if isResults }}}
    <ol class="list-group list-group-numbered mb-2" data-bonus="tally">
      {{{ each entries }}}
      <li class="list-group-item" data-bonus="entry" data-entry-id="{./id}">
        {./caption} <span class="small text-secondary">{./member}</span> <span class="badge text-bg-light border fw-normal" data-bonus="votes">{{tx(./votes)}}</span>
      </li>
      {{{ end }}}
    </ol>
    {{{ else }}}
    <div class="row g-3">
      {{{ each entries }}}
      <div class="col-12 col-sm-6 col-lg-4">
        <figure class="card h-100 mb-0{{{ if ./voted }}} border-primary{{{ end }}}" data-bonus="entry" data-entry-id="{./id}">
          <img class="card-img-top bonus-contest-photo" src="{./image}" alt="{./caption}" loading="lazy">
          <figcaption class="card-body d-flex flex-column gap-1">
            <div>{./caption}</div>
            <div class="small text-secondary">{./member}</div>
            {{{ if isJuror }}}
            <div class="input-group input-group-sm w-auto"><label class="input-group-text" for="bonus-rank-{./id}">{{tx("bonus:events.rank")}}</label><input class="form-control" style="max-width: 5rem" type="number" min="1" step="1" id="bonus-rank-{./id}" data-bonus="rank" data-entry-id="{./id}" value="{./rank}"></div>
            {{{ end }}}
            {{{ if canVote }}}
            {{{ if ./own }}}<span class="small text-secondary">{{tx("bonus:events.own-entry")}}</span>{{{ else }}}
            <button type="button" class="btn btn-sm {{{ if ./voted }}}btn-primary{{{ else }}}btn-outline-primary{{{ end }}} mt-auto align-self-start" data-bonus="vote" data-entry-id="{./id}" aria-pressed="{{{ if ./voted }}}true{{{ else }}}false{{{ end }}}">{{{ if ./voted }}}<i class="fa fa-check" aria-hidden="true"></i> {{tx("bonus:events.voted")}}{{{ else }}}{{tx("bonus:events.vote")}}{{{ end }}}</button>
            {{{ end }}}
            {{{ end }}}
          </figcaption>
        </figure>
      </div>
      {{{ end }}}
    </div>
    {{{ end }}}
    {{{ if isJuror }}}
    <div class="mt-2" data-bonus="jury-form"><button type="button" class="btn btn-sm btn-primary" data-bonus="save-ranking">{{tx("bonus:events.save-ranking")}}</button> <span class="small text-secondary">{{tx("bonus:events.rank-help")}}</span><p class="small text-danger mb-0" role="alert" data-bonus="rank-error"></p></div>
    {{{ end }}}
    {{{ if isOpen }}}{{{ if voteRefusal }}}<p class="small text-secondary mt-2" data-bonus="vote-refusal">{{tx(voteRefusal)}}</p>{{{ end }}}{{{ end }}}
    {{{ else }}}
    <p class="text-secondary" data-bonus="no-entries">{{tx("bonus:events.no-entries")}}</p>
    {{{ end }}}
  </section>

  {{{ if archive.length }}}
  <nav aria-label="{{tx("bonus:events.archive")}}" data-bonus="archive">
    <h2 class="fs-6">{{tx("bonus:events.archive")}}</h2>
    <ul class="nav nav-pills small flex-wrap">
      {{{ each archive }}}<li class="nav-item"><a class="nav-link{{{ if ./active }}} active{{{ end }}}" href="{./url}">{./text}</a></li>{{{ end }}}
    </ul>
  </nav>
  {{{ end }}}
</div>
