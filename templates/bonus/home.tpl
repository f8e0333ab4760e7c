<div class="bonus bonus-home" data-bonus-page="home">
  <h1 class="fs-3 mb-3">{{tx("bonus:home.title")}}</h1>
  <p class="text-secondary">{{tx("bonus:home.intro")}}</p>
  <section class="card mb-3" aria-labelledby="bonus-balance-heading">
    <div class="card-body">
      <h2 id="bonus-balance-heading" class="fs-5">{{tx("bonus:home.balance-heading", username)}}</h2>
      <dl class="row mb-0">
        <dt class="col-sm-4">{{tx("bonus:balance.spendable")}}</dt>
        <dd class="col-sm-8" data-bonus="spendable">{{bonusNumber(balance.spendable)}}</dd>
        <dt class="col-sm-4">{{tx("bonus:balance.pending")}}</dt>
        <dd class="col-sm-8" data-bonus="pending">{balance.pending}</dd>
      </dl>
    </div>
  </section>
  <section class="card mb-3" aria-labelledby="bonus-earn-heading" data-bonus="how-to-earn">
    <div class="card-body">
      <h2 id="bonus-earn-heading" class="fs-5">{{tx("bonus:home.earn.heading")}}</h2>
      <ul class="mb-0">
        {{{ each earn }}}<li>{./text}</li>{{{ end }}}
      </ul>
    </div>
  </section>
  <nav aria-label="{{tx("bonus:home.links-label")}}">
    <ul class="list-unstyled d-flex flex-wrap gap-2">
      {{{ each links }}}
      <li><a class="btn btn-outline-primary" href="{./url}"><i class="fa {./icon}" aria-hidden="true"></i> {{tx(./text)}}</a></li>
      {{{ end }}}
    </ul>
  </nav>
</div>
