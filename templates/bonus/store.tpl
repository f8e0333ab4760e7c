<div class="bonus bonus-store" data-bonus-page="store">
  <h1 class="fs-3 mb-3">{{{ if isPrizes }}}{{tx("bonus:prizes.title")}}{{{ else }}}{{tx("bonus:store.title")}}{{{ end }}}</h1>
  {{{ if hasGate }}}
  <div class="alert {{{ if gate.open }}}alert-success{{{ else }}}alert-info{{{ end }}} d-flex flex-wrap align-items-center gap-2" data-bonus="gate">
    <i class="fa {{{ if gate.open }}}fa-circle-check{{{ else }}}fa-hourglass-half{{{ end }}}" aria-hidden="true"></i>
    <span>{{tx(gate.text)}}</span>
    {{{ if !gate.open }}}<span class="small">{{tx("bonus:prizes.gate-closed", gate.need)}}</span>{{{ end }}}
  </div>
  {{{ end }}}
  <div class="row g-3">
    <aside class="col-12 col-lg-3">
      <nav class="card mb-3" aria-labelledby="bonus-points-menu">
        <div class="card-body">
          <h2 id="bonus-points-menu" class="fs-6 text-uppercase text-secondary mb-2">{{{ if isPrizes }}}{{tx("bonus:retail.balance")}}{{{ else }}}{{tx("bonus:store.points-menu")}}{{{ end }}}</h2>
          {{{ if hasBalance }}}
          <p class="fs-4 mb-1" data-bonus="spendable"><span class="bonus-amount">{{bonusPlural(unitKey, balance.spendable)}}</span></p>
          {{{ if balance.pending }}}
          <p class="small text-secondary mb-2" data-bonus="pending">{{tx("bonus:store.pending", balance.pending)}}</p>
          {{{ end }}}
          {{{ end }}}
          <ul class="list-unstyled mb-0 d-flex flex-column gap-1">
            {{{ if isPrizes }}}
            <li><a href="{sellersUrl}"><i class="fa fa-fw fa-store" aria-hidden="true"></i> {{tx("bonus:retail.title")}}</a></li>
            <li><a href="{storeUrl}"><i class="fa fa-fw fa-gift" aria-hidden="true"></i> {{tx("bonus:store.title")}}</a></li>
            {{{ else }}}
            <li><a href="{historyUrl}"><i class="fa fa-fw fa-clock-rotate-left" aria-hidden="true"></i> {{tx("bonus:store.history")}}</a></li>
            {{{ end }}}
            <li><a href="{cartUrl}"><i class="fa fa-fw fa-cart-shopping" aria-hidden="true"></i> {{tx("bonus:store.cart", cartItems)}}</a></li>
            <li><a href="{ordersUrl}"><i class="fa fa-fw fa-box" aria-hidden="true"></i> {{tx("bonus:orders.title")}}</a></li>
            <li><a href="{purchasesUrl}"><i class="fa fa-fw fa-key" aria-hidden="true"></i> {{tx("bonus:purchases.title")}}</a></li>
          </ul>
        </div>
      </nav>
      {{{ if hasProducts }}}
      <nav class="card" aria-labelledby="bonus-store-categories">
        <div class="card-body">
          <h2 id="bonus-store-categories" class="fs-6 text-uppercase text-secondary mb-2">{{tx("bonus:store.categories")}}</h2>
          <ul class="list-unstyled mb-0 d-flex flex-wrap flex-lg-column gap-2 gap-lg-1">
            {{{ each categories }}}
            <li><a href="#bonus-cat-{./anchor}">{{{ if ./hasTitle }}}{./title}{{{ else }}}{{tx("bonus:store.other-products")}}{{{ end }}}</a></li>
            {{{ end }}}
          </ul>
        </div>
      </nav>
      {{{ end }}}
    </aside>
    <div class="col-12 col-lg-9">
      {{{ if !hasProducts }}}
      <p class="text-secondary" data-bonus="empty">{{tx("bonus:store.empty")}}</p>
      {{{ end }}}
      {{{ each categories }}}
      <section class="mb-4" id="bonus-cat-{./anchor}" aria-labelledby="bonus-cat-{./anchor}-title">
        <h2 class="fs-5 mb-3" id="bonus-cat-{./anchor}-title">{{{ if ./hasTitle }}}{./title}{{{ else }}}{{tx("bonus:store.other-products")}}{{{ end }}}</h2>
        <ul class="row row-cols-2 row-cols-xl-3 g-2 g-sm-3 list-unstyled">
          {{{ each ./products }}}
          <li class="col">
            <article class="card h-100 position-relative bonus-product-card" data-product-id="{./id}">
              {{{ if ./hasImage }}}
              <img class="card-img-top object-fit-cover" style="aspect-ratio: 4 / 3;" src="{./image}" alt="" loading="lazy">
              {{{ else }}}
              <div class="card-img-top bg-body-secondary d-flex align-items-center justify-content-center text-secondary" style="aspect-ratio: 4 / 3;"><i class="fa fa-2x fa-gift" aria-hidden="true"></i></div>
              {{{ end }}}
              <div class="card-body d-flex flex-column gap-1">
                <h3 class="fs-6 mb-1"><a class="stretched-link text-reset" href="{./url}">{./title}</a></h3>
                <p class="mb-0 text-secondary small">{{bonusTx("bonus:kind.", ./kind)}}</p>
                <p class="mb-0 fw-semibold">
                  {{{ if ./isTopUp }}}{{{ if ./isSellers }}}{{tx("bonus:store.price-from", bonusPlural("bonus:sellerpoints.gen", ./minAmount))}}{{{ else }}}{{tx("bonus:store.price-from", bonusPlural("bonus:points.gen", ./minAmount))}}{{{ end }}}{{{ else }}}{{bonusPlural(./unitKey, ./priceInPoints)}}{{{ end }}}
                </p>
                <p class="mb-0"><span class="badge bonus-stock-{./state} {{{ if ./available }}}text-bg-success{{{ else }}}text-bg-secondary{{{ end }}}">{{bonusTx("bonus:stock.", ./state)}}</span></p>
                {{{ if ./hasSizes }}}
                <p class="mb-0 small"><span class="visually-hidden">{{tx("bonus:store.sizes")}}</span>
                  {{{ each ./sizes }}}
                  <span class="badge border {{{ if ./available }}}text-body{{{ else }}}text-secondary text-decoration-line-through{{{ end }}}" title="{{bonusTx("bonus:stock.", ./state)}}">{./label}<span class="visually-hidden"> {{bonusTx("bonus:stock.", ./state)}}</span></span>
                  {{{ end }}}
                </p>
                {{{ end }}}
              </div>
            </article>
          </li>
          {{{ end }}}
        </ul>
      </section>
      {{{ end }}}
    </div>
  </div>
</div>
