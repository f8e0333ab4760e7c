<div class="bonus bonus-charity" data-bonus-page="charity">
  <h1 class="fs-3 mb-3">{{tx("bonus:charity.title")}}</h1>
  <p class="text-secondary">{{tx("bonus:charity.intro")}}</p>
  {{{ if configured }}}
  <section class="card mb-3" aria-labelledby="bonus-charity-total">
    <div class="card-body">
      <h2 id="bonus-charity-total" class="fs-5">{{tx("bonus:charity.account")}} <a href="{userUrl}">{name}</a></h2>
      <p class="fs-4 mb-2" data-bonus="charity-total">{{tx("bonus:charity.total", total)}}</p>
      {{{ if canDonate }}}<a class="btn btn-primary" href="{donateUrl}">{{tx("bonus:charity.donate")}}</a>{{{ end }}}
    </div>
  </section>
  <section aria-labelledby="bonus-charity-recent">
    <h2 id="bonus-charity-recent" class="fs-5">{{tx("bonus:charity.recent")}}</h2>
    {{{ if hasRecent }}}
    <ul class="list-group">
      {{{ each recent }}}
      <li class="list-group-item d-flex justify-content-between"><span><a href="{./fromUrl}">{./from}</a> · <span class="timeago" title="{./date}">{./dateText}</span></span><span class="fw-bold text-success">+{./amount}</span></li>
      {{{ end }}}
    </ul>
    {{{ else }}}
    <p class="text-secondary">{{tx("bonus:charity.none")}}</p>
    {{{ end }}}
  </section>
  {{{ else }}}
  <p class="alert alert-info" data-bonus="not-configured">{{tx("bonus:charity.not-configured")}}</p>
  {{{ end }}}
</div>
