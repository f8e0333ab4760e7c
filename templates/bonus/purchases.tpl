<div class="bonus bonus-purchases" data-bonus-page="purchases">
  <h1 class="fs-3 mb-3">{{tx("bonus:purchases.title")}}</h1>
  <p class="text-secondary">{{tx("bonus:purchases.intro")}}</p>
  {{{ if !hasPurchases }}}
  <p class="text-secondary" data-bonus="empty">{{tx("bonus:purchases.empty")}}</p>
  <p><a href="{storeUrl}">{{tx("bonus:cart.to-store")}}</a></p>
  {{{ else }}}
  <ul class="list-unstyled d-flex flex-column gap-2" data-bonus="purchases">
    {{{ each purchases }}}
    <li class="card card-body">
      <div class="d-flex flex-wrap justify-content-between gap-2">
        <h2 class="fs-6 mb-1">{./title} × {./quantity}</h2>
        <a class="small" href="{./orderUrl}">{{tx("bonus:order.title", ./orderId)}}</a>
      </div>
      <p class="small text-secondary mb-2">{{tx("bonus:order.activation-country")}} {{bonusTx("bonus:", ./regionNameKey)}} · <span class="timeago" title="{./date}">{./dateText}</span></p>
      {{{ if ./refunded }}}
      <p class="small mb-0">{{tx("bonus:order.line-refunded")}}</p>
      {{{ else }}}{{{ if ./hasCodes }}}
      <ul class="list-unstyled mb-0" data-bonus="codes">
        {{{ each ./codes }}}<li><code class="fs-6 user-select-all">{./code}</code></li>{{{ end }}}
      </ul>
      {{{ else }}}
      <p class="small text-warning-emphasis mb-0" data-bonus="waiting">{{tx("bonus:order.awaiting-codes")}}</p>
      {{{ end }}}{{{ end }}}
    </li>
    {{{ end }}}
  </ul>
  {{{ end }}}
  {{{ if pagination.multiple }}}
  <nav aria-label="{{tx("bonus:orders.pages")}}" class="d-flex align-items-center gap-2 mt-3" data-bonus="pages">
    {{{ if pagination.prevUrl }}}<a class="btn btn-sm btn-outline-secondary" href="{pagination.prevUrl}">{{tx("bonus:points.newer")}}</a>{{{ end }}}
    <span class="text-secondary">{{tx("bonus:points.page", pagination.page)}}</span>
    {{{ if pagination.nextUrl }}}<a class="btn btn-sm btn-outline-secondary" href="{pagination.nextUrl}">{{tx("bonus:points.older")}}</a>{{{ end }}}
  </nav>
  {{{ end }}}
</div>
